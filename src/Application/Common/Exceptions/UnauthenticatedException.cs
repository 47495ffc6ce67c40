namespace CleanAuth.Application.Common.Exceptions;

/// <summary>The request needs an authenticated caller and has none (or its session has ended).</summary>
public sealed class UnauthenticatedException : Exception
{
    public UnauthenticatedException()
        : base("Authentication is required.")
    {
    }
}
