using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Sessions;

/// <summary>
/// One refresh token of a <see cref="Sessions.Session"/>. Only its SHA-256 hash is stored. A token is live until
/// it is rotated; its successor records which token it replaced.
/// </summary>
public sealed class RefreshToken : Entity
{
    public const int HashLength = 64;

    internal RefreshToken(Guid id, Session session, string tokenHash, Guid? parentTokenId, DateTime now)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        if (tokenHash.Length != HashLength)
        {
            throw new DomainException("A refresh token hash is 64 hex characters.");
        }

        Session = session;
        SessionId = session.Id;
        TokenHash = tokenHash;
        ParentTokenId = parentTokenId;
        CreatedAt = now;
    }

    // EF Core only.
    private RefreshToken()
        : base(Guid.Empty)
    {
        Session = null!;
        TokenHash = null!;
    }

    public Guid SessionId { get; private set; }

    public Session Session { get; private set; }

    public string TokenHash { get; private set; }

    /// <summary>The token this one replaced, or null for the token issued at login.</summary>
    public Guid? ParentTokenId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? RotatedAt { get; private set; }

    public bool IsRotated => RotatedAt is not null;

    internal void MarkRotated(DateTime now)
    {
        if (IsRotated)
        {
            throw new DomainException("A refresh token rotates only once.");
        }

        RotatedAt = now;
    }
}
