using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Sessions;

/// <summary>
/// One login of one user on one device. Its absolute expiry is fixed at login and never extended by
/// refresh-token rotation. Once revoked, it stays revoked.
/// </summary>
public sealed class Session : AggregateRoot
{
    public const int MaxUserAgentLength = 512;
    public const int MaxIpAddressLength = 45;

    private readonly List<RefreshToken> _refreshTokens = [];

    private Session(Guid id, Guid userId, DateTime now, DateTime expiresAt, string? ipAddress, string? userAgent)
        : base(id)
    {
        UserId = userId;
        CreatedAt = now;
        LastUsedAt = now;
        ExpiresAt = expiresAt;
        IpAddress = Truncate(ipAddress, MaxIpAddressLength);
        UserAgent = Truncate(userAgent, MaxUserAgentLength);
    }

    // EF Core only.
    private Session()
        : base(Guid.Empty)
    {
    }

    public Guid UserId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime LastUsedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public SessionRevocationReason? RevocationReason { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    /// <summary>The tokens loaded with this session (usually only the one being presented).</summary>
    public IReadOnlyCollection<RefreshToken> RefreshTokens => _refreshTokens;

    public bool IsRevoked => RevokedAt is not null;

    public static Session Start(Guid userId, string refreshTokenHash, DateTime now, TimeSpan lifetime, string? ipAddress, string? userAgent)
    {
        UtcGuard.Ensure(now, nameof(now));
        if (userId == Guid.Empty)
        {
            throw new DomainException("A session belongs to a user.");
        }

        if (lifetime <= TimeSpan.Zero)
        {
            throw new DomainException("A session lifetime is positive.");
        }

        var session = new Session(Guid7.New(now), userId, now, now + lifetime, ipAddress, userAgent);
        session._refreshTokens.Add(new RefreshToken(Guid7.New(now), session, refreshTokenHash, null, now));
        return session;
    }

    public bool IsActive(DateTime now) => !IsRevoked && now < ExpiresAt;

    /// <summary>Retires <paramref name="presented"/> and issues its successor.</summary>
    public RefreshToken Rotate(RefreshToken presented, string successorHash, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(presented);
        if (presented.SessionId != Id)
        {
            throw new DomainException("The refresh token belongs to another session.");
        }

        if (!IsActive(now))
        {
            throw new DomainException("An inactive session cannot rotate its tokens.");
        }

        presented.MarkRotated(now);
        var successor = new RefreshToken(Guid7.New(now), this, successorHash, presented.Id, now);
        _refreshTokens.Add(successor);
        LastUsedAt = now;
        return successor;
    }

    public void Touch(DateTime now)
    {
        if (now > LastUsedAt)
        {
            LastUsedAt = now;
        }
    }

    public void Revoke(SessionRevocationReason reason, DateTime now)
    {
        if (IsRevoked)
        {
            return;
        }

        RevokedAt = UtcGuard.Ensure(now, nameof(now));
        RevocationReason = reason;
        Raise(new SessionRevokedEvent(Id, UserId, reason, now));
    }

    private static string? Truncate(string? value, int max) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= max ? value : value[..max];
}
