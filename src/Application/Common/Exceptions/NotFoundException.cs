using CleanAuth.Domain.Common;

namespace CleanAuth.Application.Common.Exceptions;

/// <summary>The addressed resource does not exist (or is not the caller's to see).</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(Error error)
        : base(error.Description)
    {
        Error = error;
    }

    public Error Error { get; }
}
