using CleanAuth.Domain.Common;

namespace CleanAuth.Application.Common.Exceptions;

/// <summary>
/// A uniqueness rule was broken at commit time (two requests raced past the handler's own check).
/// Raised by the unit of work, so it reaches the caller like the handler's own conflict result.
/// </summary>
public sealed class ConflictException : Exception
{
    public ConflictException(Error error)
        : base(error.Description)
    {
        Error = error;
    }

    public Error Error { get; }
}
