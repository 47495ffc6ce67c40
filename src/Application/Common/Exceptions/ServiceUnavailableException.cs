namespace CleanAuth.Application.Common.Exceptions;

/// <summary>A dependency is saturated or unreachable; the caller should retry after <see cref="RetryAfter"/>.</summary>
public sealed class ServiceUnavailableException : Exception
{
    public ServiceUnavailableException(string message, TimeSpan retryAfter, Exception? innerException = null)
        : base(message, innerException)
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }

    /// <summary>The refusal of a request that would hash a password while every hashing slot is busy and the queue full.</summary>
    public static ServiceUnavailableException HashingSaturated(TimeSpan retryAfter) =>
        new("Password hashing is at capacity; try again shortly.", retryAfter);
}
