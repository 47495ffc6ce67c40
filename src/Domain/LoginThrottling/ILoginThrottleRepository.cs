namespace CleanAuth.Domain.LoginThrottling;

/// <summary>
/// Consecutive failed logins per identifier, kept in the database so they hold across restarts and instances.
/// An attempt is reserved (counted) in a short transaction of its own before its password is checked, so no lock is
/// held while the hash runs and no concurrent failure is lost (ADR-012).
/// </summary>
public interface ILoginThrottleRepository
{
    /// <summary>
    /// In a short transaction of its own (a connection of its own, never the unit of work's), locks the identifier's row
    /// (creating it, with no failures, if missing), hands it to <paramref name="decide"/>, saves what that changed and
    /// commits before returning its answer. Concurrent reservations on one identifier queue on the row lock, each seeing
    /// the ones committed before it. Call it before the unit of work's first write: the request's own write transaction
    /// would hold it up (on SQLite, the database's one writer), so the implementation refuses to run inside one.
    /// </summary>
    Task<T> ReserveAsync<T>(string key, DateTime now, Func<LoginThrottle, T> decide, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the identifier's failures and lockouts at once, in a statement of its own (outside the unit of work): a
    /// verified password is never left counted, whatever the request does next. Call it before the unit of work's first write.
    /// </summary>
    Task ClearAloneAsync(string key, CancellationToken cancellationToken);

    /// <summary>Forgets the identifier's failures and lockouts in the unit of work, committed or rolled back with it (password reset).</summary>
    Task ClearAsync(string key, CancellationToken cancellationToken);
}
