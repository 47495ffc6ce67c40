using System.Linq.Expressions;
using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Sessions;

/// <summary>
/// One login of one user on one device. Its absolute expiry is fixed at login and never extended by
/// refresh-token rotation; it also ends when it goes unrefreshed for its idle timeout. Once revoked, it stays revoked.
/// </summary>
public sealed class Session : AggregateRoot
{
    public const int MaxUserAgentLength = 512;
    public const int MaxIpAddressLength = 45;

    // The one definition of a live session: neither revoked nor past its absolute or idle end.
    private static readonly Expression<Func<Session, DateTime, bool>> s_isActiveAt =
        (s, now) => s.RevokedAt == null && now < s.ExpiresAt && now < s.IdleExpiresAt;

    private static readonly Func<Session, DateTime, bool> s_isActive = s_isActiveAt.Compile();

    private readonly List<RefreshToken> _refreshTokens = [];

    private Session(Guid id, Guid userId, DateTime now, DateTime expiresAt, DateTime idleExpiresAt, string? ipAddress, string? userAgent)
        : base(id)
    {
        UserId = userId;
        CreatedAt = now;
        LastUsedAt = now;
        ExpiresAt = expiresAt;
        IdleExpiresAt = idleExpiresAt;
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

    /// <summary>The absolute end, fixed at login.</summary>
    public DateTime ExpiresAt { get; private set; }

    /// <summary>When the session ends unless refreshed before: the idle timeout after the last refresh, never past <see cref="ExpiresAt"/>.</summary>
    public DateTime IdleExpiresAt { get; private set; }

    /// <summary>The sooner of the idle and absolute ends: no token of this session may outlive it.</summary>
    public DateTime EndsAt => IdleExpiresAt < ExpiresAt ? IdleExpiresAt : ExpiresAt;

    public DateTime? RevokedAt { get; private set; }

    public SessionRevocationReason? RevocationReason { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    /// <summary>The tokens loaded with this session (usually only the one being presented).</summary>
    public IReadOnlyCollection<RefreshToken> RefreshTokens => _refreshTokens;

    public bool IsRevoked => RevokedAt is not null;

    public static Session Start(
        Guid userId, string refreshTokenHash, DateTime now, TimeSpan lifetime, TimeSpan idleTimeout, string? ipAddress, string? userAgent)
    {
        UtcGuard.Ensure(now, nameof(now));
        if (userId == Guid.Empty)
        {
            throw new DomainException("A session belongs to a user.");
        }

        if (lifetime <= TimeSpan.Zero || idleTimeout <= TimeSpan.Zero)
        {
            throw new DomainException("A session lifetime is positive.");
        }

        var expiresAt = now + lifetime;
        var session = new Session(Guid7.New(now), userId, now, expiresAt, IdleEnd(now, idleTimeout, expiresAt), ipAddress, userAgent);
        session._refreshTokens.Add(new RefreshToken(Guid7.New(now), session, refreshTokenHash, null, now));
        session.Raise(new SessionStartedEvent(session.Id, userId, now));
        return session;
    }

    public bool IsActive(DateTime now) => s_isActive(this, now);

    /// <summary>
    /// <see cref="IsActive"/> as a query predicate: the same rule, translated to SQL by the repositories and specifications,
    /// with <paramref name="now"/> sent as a parameter (not inlined, so the database reuses one plan).
    /// </summary>
    public static Expression<Func<Session, bool>> ActiveAt(DateTime now)
    {
        var session = s_isActiveAt.Parameters[0];
        var body = new ParameterReplacer(s_isActiveAt.Parameters[1], Expression.Field(Expression.Constant(new Instant(now)), nameof(Instant.Value)))
            .Visit(s_isActiveAt.Body);
        return Expression.Lambda<Func<Session, bool>>(body, session);
    }

    /// <summary>Retires <paramref name="presented"/> and issues its successor; the idle timeout starts again.</summary>
    public RefreshToken Rotate(RefreshToken presented, string successorHash, DateTime now, TimeSpan idleTimeout)
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
        IdleExpiresAt = IdleEnd(now, idleTimeout, ExpiresAt);
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

    private static DateTime IdleEnd(DateTime now, TimeSpan idleTimeout, DateTime expiresAt)
    {
        if (idleTimeout <= TimeSpan.Zero)
        {
            throw new DomainException("A session idle timeout is positive.");
        }

        var idleEnd = now + idleTimeout;
        return idleEnd < expiresAt ? idleEnd : expiresAt;
    }

    private static string? Truncate(string? value, int max) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= max ? value : value[..max];

    /// <summary>Holds the query's time, so LINQ providers see a captured value (a parameter), not a constant.</summary>
    private sealed class Instant(DateTime value)
    {
        public readonly DateTime Value = value;
    }

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}
