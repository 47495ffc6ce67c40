namespace CleanAuth.Domain.LoginThrottling;

/// <summary>
/// Consecutive failed logins per identifier, kept in the database so they hold across restarts and instances.
/// Every update is atomic in the database: concurrent failures are never lost.
/// </summary>
public interface ILoginThrottleRepository
{
    /// <summary>
    /// Locks the identifier's row until the transaction ends (creating it, with no failures, if missing) and returns
    /// its state. Concurrent attempts on one identifier therefore queue, and each sees the failures before it.
    /// </summary>
    Task<LoginThrottle?> AcquireAsync(string key, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one failure. When the count reaches <paramref name="maxFailedAttempts"/> the identifier is locked
    /// for <paramref name="lockoutDuration"/>(number of lockouts so far) and the count starts again.
    /// Returns until when it is now locked, or null.
    /// </summary>
    Task<DateTime?> RecordFailureAsync(string key, DateTime now, int maxFailedAttempts, Func<int, TimeSpan> lockoutDuration, CancellationToken cancellationToken);

    /// <summary>Forgets the identifier's failures and lockouts (successful login, password reset).</summary>
    Task ClearAsync(string key, CancellationToken cancellationToken);
}
