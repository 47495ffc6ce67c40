namespace CleanAuth.Application.Common.Exceptions;

/// <summary>Too many consecutive failed logins for one identifier: refused without checking the password.</summary>
public sealed class LoginThrottledException : Exception
{
    public LoginThrottledException(TimeSpan retryAfter)
        : base("Too many failed logins; try again later.")
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }
}
