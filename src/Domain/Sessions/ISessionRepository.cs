namespace CleanAuth.Domain.Sessions;

/// <summary>Loads and adds <see cref="Session"/> aggregates. Never commits: the unit of work does.</summary>
public interface ISessionRepository
{
    void Add(Session session);

    Task<Session?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The user's sessions that are neither revoked nor expired, tracked for revocation.</summary>
    Task<List<Session>> ListActiveByUserAsync(Guid userId, DateTime now, CancellationToken cancellationToken);

    /// <summary>How many of the user's sessions are neither revoked nor expired (idle or absolute).</summary>
    Task<int> CountActiveByUserAsync(Guid userId, DateTime now, CancellationToken cancellationToken);

    /// <summary>The token with this hash, with its session loaded, or null.</summary>
    Task<RefreshToken?> FindRefreshTokenAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>The token that replaced <paramref name="tokenId"/>, read fresh from the database.</summary>
    Task<RefreshToken?> FindSuccessorAsync(Guid tokenId, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically marks the token rotated if nobody has yet. False means a concurrent request rotated it first;
    /// the winner's successor is then visible.
    /// </summary>
    Task<bool> TryClaimRotationAsync(Guid tokenId, DateTime now, CancellationToken cancellationToken);
}
