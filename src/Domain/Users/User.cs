using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>
/// A user account. Email, username and password hash change only through named methods;
/// every new account holds the <see cref="Roles.User"/> role.
/// </summary>
public sealed class User : AggregateRoot
{
    private readonly List<UserRole> _roles = [];

    private User(Guid id, Email email, Username username, string? fullName, string passwordHash, DateTime now)
        : base(id)
    {
        SetEmail(email);
        SetUsername(username);
        FullName = fullName;
        PasswordHash = passwordHash;
        IsActive = true;
        CreatedAt = now;
        UpdatedAt = now;
    }

    // EF Core only.
    private User()
        : base(Guid.Empty)
    {
        Email = null!;
        NormalizedEmail = null!;
        Username = null!;
        NormalizedUsername = null!;
        PasswordHash = null!;
    }

    public string Email { get; private set; }

    public string NormalizedEmail { get; private set; }

    public string Username { get; private set; }

    public string NormalizedUsername { get; private set; }

    public string? FullName { get; private set; }

    public string PasswordHash { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>
    /// Changes whenever the password or the active state changes. A login creates its session only while the stamp
    /// it verified against is still current, so no session can outlive the credentials it was granted on (ADR-013).
    /// </summary>
    public int SecurityStamp { get; private set; }

    public bool EmailVerified { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>An address the user asked to switch to; it takes effect once confirmed from a link mailed to it.</summary>
    public string? PendingEmail { get; private set; }

    public string? PendingNormalizedEmail { get; private set; }

    public IReadOnlyCollection<UserRole> Roles => _roles;

    public IEnumerable<string> RoleNames => _roles.Select(r => r.Role);

    public bool IsAdmin => HasRole(Authorization.Roles.Admin);

    public static User Register(Email email, Username username, string? fullName, string passwordHash, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(username);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        UtcGuard.Ensure(now, nameof(now));
        if (!Users.FullName.IsValid(fullName))
        {
            throw new DomainException("The full name is not valid.");
        }

        var user = new User(Guid7.New(now), email, username, string.IsNullOrWhiteSpace(fullName) ? null : fullName.Trim(), passwordHash, now);
        user._roles.Add(new UserRole(Authorization.Roles.User));
        user.Raise(new UserRegisteredEvent(user.Id, now));
        return user;
    }

    public bool HasRole(string role) => _roles.Exists(r => r.Role == role);

    public void AssignRole(string role, DateTime now)
    {
        if (!Authorization.Roles.IsValidName(role))
        {
            throw new DomainException($"'{role}' is not a valid role name.");
        }

        if (HasRole(role))
        {
            return;
        }

        _roles.Add(new UserRole(role));
        Touch(now);
    }

    /// <summary>Replaces the stored hash after a successful verification with outdated parameters.</summary>
    public void UpgradePasswordHash(string passwordHash, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
        Touch(now);
    }

    public void Deactivate(DateTime now)
    {
        if (!IsActive)
        {
            return;
        }

        IsActive = false;
        SecurityStamp++;
        Touch(now);
        Raise(new UserDeactivatedEvent(Id, now));
    }

    /// <summary>Sets a new password hash chosen by the user (change or reset), as opposed to a re-hash.</summary>
    public void ChangePassword(string passwordHash, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
        SecurityStamp++;
        Touch(now);
        Raise(new PasswordChangedEvent(Id, now));
    }

    public void ChangeUsername(Username username, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(username);
        if (username.Value == Username)
        {
            return;
        }

        SetUsername(username);
        Touch(now);
    }

    public void ChangeFullName(string? fullName, DateTime now)
    {
        if (!Users.FullName.IsValid(fullName))
        {
            throw new DomainException("The full name is not valid.");
        }

        var normalized = string.IsNullOrWhiteSpace(fullName) ? null : fullName.Trim();
        if (normalized == FullName)
        {
            return;
        }

        FullName = normalized;
        Touch(now);
    }

    /// <summary>Records an address to switch to; the current one stays in force until <see cref="ConfirmEmail"/>.</summary>
    public void RequestEmailChange(Email email, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (email.Normalized == NormalizedEmail)
        {
            PendingEmail = null;
            PendingNormalizedEmail = null;
            Touch(now);
            return;
        }

        PendingEmail = email.Value;
        PendingNormalizedEmail = email.Normalized;
        Touch(now);
    }

    /// <summary>
    /// A verification link for <paramref name="normalizedEmail"/> was followed: the pending address takes effect,
    /// or the current address is marked verified. False when the link is for neither (it is stale).
    /// </summary>
    public bool ConfirmEmail(string normalizedEmail, DateTime now)
    {
        if (normalizedEmail == PendingNormalizedEmail)
        {
            Email = PendingEmail!;
            NormalizedEmail = PendingNormalizedEmail;
            PendingEmail = null;
            PendingNormalizedEmail = null;
            EmailVerified = true;
            Touch(now);
            return true;
        }

        if (normalizedEmail == NormalizedEmail)
        {
            MarkEmailVerified(now);
            return true;
        }

        return false;
    }

    public void MarkEmailVerified(DateTime now)
    {
        if (EmailVerified)
        {
            return;
        }

        EmailVerified = true;
        Touch(now);
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Email), nameof(NormalizedEmail))]
    private void SetEmail(Email email)
    {
        Email = email.Value;
        NormalizedEmail = email.Normalized;
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Username), nameof(NormalizedUsername))]
    private void SetUsername(Username username)
    {
        Username = username.Value;
        NormalizedUsername = username.Normalized;
    }

    private void Touch(DateTime now) => UpdatedAt = UtcGuard.Ensure(now, nameof(now));
}
