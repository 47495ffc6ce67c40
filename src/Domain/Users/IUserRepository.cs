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

    /// <summary>
    /// Locks the user's row until the transaction ends, provided its <see cref="User.SecurityStamp"/> is still the one
    /// <paramref name="user"/> was read with. False when the password or active state changed since (the caller's view
    /// is stale): then nothing is locked. Concurrent callers for the same user queue; other users are not affected.
    /// </summary>
    Task<bool> TryLockAsync(User user, CancellationToken cancellationToken);
}
