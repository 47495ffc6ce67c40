namespace CleanAuth.Domain.Common;

/// <summary>An invariant would be broken: a programming or state error, never an expected outcome.</summary>
public class DomainException : Exception
{
    public DomainException(string message)
        : base(message)
    {
    }
}
