namespace CleanAuth.Domain.LoginThrottling;

/// <summary>
/// Consecutive failed logins per identifier, kept in the database so they hold across restarts and instances.
/// The row of an identifier is locked while an attempt on it runs, so concurrent failures are never lost.
/// </summary>
public interface ILoginThrottleRepository
{
    /// <summary>
    /// Locks the identifier's row until the transaction ends (creating it, with no failures, if missing) and returns
    /// it, tracked: what <see cref="LoginThrottle.RecordFailure"/> changes is saved with the unit of work. Concurrent
    /// attempts on one identifier therefore queue, and each sees the failures before it.
    /// </summary>
    Task<LoginThrottle> AcquireAsync(string key, DateTime now, CancellationToken cancellationToken);

    /// <summary>Forgets the identifier's failures and lockouts (successful login, password reset).</summary>
    Task ClearAsync(string key, CancellationToken cancellationToken);
}
