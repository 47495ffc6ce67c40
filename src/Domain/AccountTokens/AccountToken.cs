using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.AccountTokens;

/// <summary>
/// A single-use, expiring token mailed to someone: a password reset, an email verification or an invitation.
/// Only its hash is stored. A token of one kind is never accepted as another.
/// </summary>
public sealed class AccountToken : AggregateRoot
{
    public const int HashLength = 64;
    public const int MaxRolesLength = 512;

    private AccountToken(Guid id, AccountTokenKind kind, string tokenHash, Guid? userId, string? email, string? roles, DateTime now, DateTime expiresAt)
        : base(id)
    {
        Kind = kind;
        TokenHash = tokenHash;
        UserId = userId;
        Email = email;
        Roles = roles;
        CreatedAt = now;
        ExpiresAt = expiresAt;
    }

    // EF Core only.
    private AccountToken()
        : base(Guid.Empty)
    {
        TokenHash = null!;
    }

    public AccountTokenKind Kind { get; private set; }

    public string TokenHash { get; private set; }

    /// <summary>The account it acts on (none for an invitation).</summary>
    public Guid? UserId { get; private set; }

    /// <summary>The normalized address it was sent to: the address a verification confirms, or the one an invitation is pinned to.</summary>
    public string? Email { get; private set; }

    /// <summary>Roles an invitation grants, comma-separated.</summary>
    public string? Roles { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public DateTime? ConsumedAt { get; private set; }

    public IReadOnlyList<string> RoleList => string.IsNullOrEmpty(Roles) ? [] : Roles.Split(',');

    public static AccountToken ForPasswordReset(Guid userId, string tokenHash, DateTime now, TimeSpan lifetime)
    {
        var token = Issue(AccountTokenKind.PasswordReset, tokenHash, userId, null, null, now, lifetime);
        token.Raise(new PasswordResetRequestedEvent(userId, now));
        return token;
    }

    public static AccountToken ForEmailVerification(Guid userId, string normalizedEmail, string tokenHash, DateTime now, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(normalizedEmail);
        var token = Issue(AccountTokenKind.EmailVerification, tokenHash, userId, normalizedEmail, null, now, lifetime);
        token.Raise(new EmailVerificationSentEvent(userId, normalizedEmail, now));
        return token;
    }

    public static AccountToken ForInvitation(string? normalizedEmail, IReadOnlyCollection<string> roles, string tokenHash, DateTime now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Any(r => !Authorization.RoleName.IsValid(r)))
        {
            throw new DomainException("An invitation grants only valid role names.");
        }

        var joined = string.Join(',', roles.Distinct(StringComparer.Ordinal));
        if (joined.Length > MaxRolesLength)
        {
            throw new DomainException("An invitation grants too many roles.");
        }

        var token = Issue(AccountTokenKind.Invitation, tokenHash, null, normalizedEmail, joined.Length == 0 ? null : joined, now, lifetime);
        token.Raise(new InvitationCreatedEvent(token.Id, normalizedEmail, token.RoleList, now));
        return token;
    }

    public bool IsUsable(DateTime now) => ConsumedAt is null && now < ExpiresAt;

    /// <summary>Marks the token used (or superseded by a newer one of its kind).</summary>
    public void Consume(DateTime now)
    {
        if (ConsumedAt is not null)
        {
            throw new DomainException("An account token is used only once.");
        }

        ConsumedAt = UtcGuard.Ensure(now, nameof(now));
    }

    private static AccountToken Issue(AccountTokenKind kind, string tokenHash, Guid? userId, string? email, string? roles, DateTime now, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        UtcGuard.Ensure(now, nameof(now));
        if (tokenHash.Length != HashLength)
        {
            throw new DomainException("An account token hash is 64 hex characters.");
        }

        if (lifetime <= TimeSpan.Zero)
        {
            throw new DomainException("An account token lifetime is positive.");
        }

        return new AccountToken(Guid7.New(now), kind, tokenHash, userId, email, roles, now, now + lifetime);
    }
}
