namespace CleanAuth.Domain.AccountTokens;

/// <summary>Stores account tokens. Never commits: the unit of work does.</summary>
public interface IAccountTokenRepository
{
    void Add(AccountToken token);

    /// <summary>The token of this kind with this hash, or null (a token of another kind is never found).</summary>
    Task<AccountToken?> FindAsync(AccountTokenKind kind, string tokenHash, CancellationToken cancellationToken);

    /// <summary>Retires every unused token of this kind for the user, so only a newer one works.</summary>
    Task SupersedeForUserAsync(AccountTokenKind kind, Guid userId, DateTime now, CancellationToken cancellationToken);

    /// <summary>Retires every unused invitation pinned to this address.</summary>
    Task SupersedeInvitationsAsync(string normalizedEmail, DateTime now, CancellationToken cancellationToken);

    /// <summary>Atomically marks the token used if nobody has yet; false when a concurrent request used it first.</summary>
    Task<bool> TryConsumeAsync(Guid tokenId, DateTime now, CancellationToken cancellationToken);
}
