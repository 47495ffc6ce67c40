namespace CleanAuth.Domain.Users;

/// <summary>Loads and adds <see cref="User"/> aggregates. Never commits: the unit of work does.</summary>
public interface IUserRepository
{
    Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    Task<User?> FindByNormalizedEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    Task<User?> FindByNormalizedUsernameAsync(string normalizedUsername, CancellationToken cancellationToken);

    Task<bool> ExistsByNormalizedEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    Task<bool> ExistsByNormalizedUsernameAsync(string normalizedUsername, CancellationToken cancellationToken);

    void Add(User user);

    /// <summary>Removes the account with its roles, sessions, refresh tokens and account tokens (at commit).</summary>
    void Remove(User user);

    /// <summary>
    /// Locks the user's row until the transaction ends, provided its <see cref="User.SecurityStamp"/> is still the one
    /// <paramref name="user"/> was read with. False when the password or active state changed since (the caller's view
    /// is stale): then nothing is locked. Concurrent callers for the same user queue; other users are not affected.
    /// </summary>
    Task<bool> TryLockAsync(User user, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the administrators' lock until the transaction ends. Every change that can leave no active administrator
    /// (demotion, deactivation, deletion, an admin's own account deletion) takes it before it asks
    /// <see cref="IsLastActiveAdminAsync"/>, so two such changes never both count the other as still there (ADR-015).
    /// Taken before the user row lock (<see cref="TryLockAsync"/>), never after it.
    /// </summary>
    Task LockAdministratorsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether the account is an active administrator and no other active account holds the admin role, as committed
    /// (changes not yet saved in this unit of work are not seen). Ask it only under <see cref="LockAdministratorsAsync"/>.
    /// </summary>
    Task<bool> IsLastActiveAdminAsync(Guid userId, CancellationToken cancellationToken);
}
