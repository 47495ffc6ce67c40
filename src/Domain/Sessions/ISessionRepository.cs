namespace CleanAuth.Domain.Sessions;

/// <summary>
/// Loads and adds <see cref="Session"/> aggregates. Never commits: the unit of work does. The one exception is a
/// refresh's rotation (<see cref="TrySaveRotationAsync"/>): a single statement on PostgreSQL, which commits by itself when
/// the command has begun no transaction (ADR-020).
/// </summary>
public interface ISessionRepository
{
    void Add(Session session);

    Task<Session?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The user's sessions that are neither revoked nor expired, tracked for revocation.</summary>
    Task<List<Session>> ListActiveByUserAsync(Guid userId, DateTime now, CancellationToken cancellationToken);

    /// <summary>How many of the user's sessions are neither revoked nor expired (idle or absolute).</summary>
    Task<int> CountActiveByUserAsync(Guid userId, DateTime now, CancellationToken cancellationToken);

    /// <summary>The token with this hash, with its session loaded and tracked, or null.</summary>
    Task<RefreshToken?> FindRefreshTokenAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// The token with this hash, with its session loaded, untracked, or null: a refresh rotates it in memory
    /// (<see cref="Session.Rotate"/>) and writes the rotation with <see cref="TrySaveRotationAsync"/>. Any other change
    /// to that session goes to the one <see cref="GetByIdAsync"/> loads.
    /// </summary>
    Task<RefreshToken?> FindRefreshTokenToRotateAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>The token that replaced <paramref name="tokenId"/>, read fresh from the database.</summary>
    Task<RefreshToken?> FindSuccessorAsync(Guid tokenId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a rotation made in memory on a token read with <see cref="FindRefreshTokenToRotateAsync"/>, all or nothing:
    /// marks <paramref name="presented"/> rotated if nobody has yet, adds <paramref name="successor"/> and saves the
    /// session's last use and idle expiry. False means a concurrent request rotated it first and nothing was written;
    /// the winner's successor is then visible.
    /// </summary>
    Task<bool> TrySaveRotationAsync(RefreshToken presented, RefreshToken successor, CancellationToken cancellationToken);
}
