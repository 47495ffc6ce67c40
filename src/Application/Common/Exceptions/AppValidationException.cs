namespace CleanAuth.Application.Common.Exceptions;

/// <summary>One or more request fields are invalid. <see cref="Errors"/> is keyed by property name.</summary>
public sealed class AppValidationException : Exception
{
    public AppValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("One or more validation failures have occurred.")
    {
        Errors = errors;
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
