using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>
/// A user account. Email, username and password hash change only through named methods;
/// a new account holds the roles it was registered with (<see cref="RoleName.User"/> when none are given).
/// </summary>
public sealed class User : AggregateRoot
{
    private readonly List<UserRole> _roles = [];

    private User(Guid id, Email email, Username username, string? fullName, string passwordHash, bool emailVerified, DateTime now)
        : base(id)
    {
        SetEmail(email);
        SetUsername(username);
        FullName = fullName;
        PasswordHash = passwordHash;
        IsActive = true;
        EmailVerified = emailVerified;
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

    /// <summary>When the account last logged in successfully; null if it never has.</summary>
    public DateTime? LastLoginAt { get; private set; }

    /// <summary>When the set of roles was last replaced; null if never. Other instances poll for it (ADR-006).</summary>
    public DateTime? RolesChangedAt { get; private set; }

    public IReadOnlyCollection<UserRole> Roles => _roles;

    public IEnumerable<string> RoleNames => _roles.Select(r => r.Role);

    public bool IsAdmin => HasRole(Authorization.RoleName.Admin);

    /// <summary>
    /// A new account holding exactly <paramref name="roles"/> (an invitation's), or the user role when none are given;
    /// <paramref name="emailVerified"/> when an invitation mailed to the address proved it.
    /// </summary>
    public static User Register(
        Email email, Username username, string? fullName, string passwordHash, DateTime now, bool emailVerified = false, IReadOnlyCollection<string>? roles = null)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(username);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        UtcGuard.Ensure(now, nameof(now));
        if (!Users.FullNameRule.IsValid(fullName))
        {
            throw new DomainException("The full name is not valid.");
        }

        if (roles is not null && roles.Any(r => !Authorization.RoleName.IsValid(r)))
        {
            throw new DomainException("An account holds only valid role names.");
        }

        var user = new User(Guid7.New(now), email, username, string.IsNullOrWhiteSpace(fullName) ? null : fullName.Trim(), passwordHash, emailVerified, now);
        foreach (var role in roles is null || roles.Count == 0 ? [Authorization.RoleName.User] : roles.Distinct(StringComparer.Ordinal))
        {
            user._roles.Add(new UserRole(role));
        }

        user.Raise(new UserRegisteredEvent(user.Id, user.Email, emailVerified, now));
        return user;
    }

    public bool HasRole(string role) => _roles.Exists(r => r.Role == role);

    public void AssignRole(string role, DateTime now)
    {
        if (!Authorization.RoleName.IsValid(role))
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

    /// <summary>
    /// Replaces the account's roles with <paramref name="roles"/> (non-empty, valid names). True, with a
    /// <see cref="RolesChangedEvent"/>, when the set changed; false when it already was that set.
    /// </summary>
    public bool ReplaceRoles(IReadOnlyCollection<string> roles, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Count == 0 || roles.Any(r => !Authorization.RoleName.IsValid(r)))
        {
            throw new DomainException("An account holds at least one role, each with a valid name.");
        }

        var oldRoles = SortedRoleNames();
        var newRoles = roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (oldRoles.SequenceEqual(newRoles, StringComparer.Ordinal))
        {
            return false;
        }

        _roles.RemoveAll(r => !newRoles.Contains(r.Role, StringComparer.Ordinal));
        foreach (var role in newRoles.Where(r => !HasRole(r)))
        {
            _roles.Add(new UserRole(role));
        }

        RolesChangedAt = UtcGuard.Ensure(now, nameof(now));
        Touch(now);
        Raise(new RolesChangedEvent(Id, oldRoles, newRoles, now));
        return true;
    }

    /// <summary>The account's role names in ordinal order.</summary>
    public string[] SortedRoleNames() => _roles.Select(r => r.Role).Order(StringComparer.Ordinal).ToArray();

    /// <summary>A successful login: remembered for administrators (<see cref="LastLoginAt"/>).</summary>
    public void RecordLogin(DateTime now) => LastLoginAt = UtcGuard.Ensure(now, nameof(now));

    /// <summary>
    /// Lets an inactive account (deactivated, or deleted by its owner) log in again. Sessions revoked when it stopped
    /// stay revoked. False, recording nothing, when it already was active.
    /// </summary>
    public bool Activate(DateTime now)
    {
        if (IsActive)
        {
            return false;
        }

        IsActive = true;
        SecurityStamp++;
        Touch(now);
        Raise(new UserActivatedEvent(Id, now));
        return true;
    }

    /// <summary>Replaces the stored hash after a successful verification with outdated parameters.</summary>
    public void UpgradePasswordHash(string passwordHash, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
        Touch(now);
    }

    /// <summary>An operator deactivates the account: it can no longer log in.</summary>
    public void Deactivate(DateTime now)
    {
        if (EndActivity(now))
        {
            Raise(new UserDeactivatedEvent(Id, now));
        }
    }

    /// <summary>The owner deletes the account: it is deactivated, and kept for the audit trail.</summary>
    public void DeleteAccount(DateTime now)
    {
        if (EndActivity(now))
        {
            Raise(new AccountDeletedEvent(Id, now));
        }
    }

    /// <summary>The owner sets a new password, knowing the current one (as opposed to a re-hash).</summary>
    public void ChangePassword(string passwordHash, DateTime now)
    {
        SetPassword(passwordHash, now);
        Raise(new PasswordChangedEvent(Id, Email, now));
    }

    /// <summary>A new password set from a reset link; the link reached the account's address, which proves it.</summary>
    public void ResetPassword(string passwordHash, DateTime now)
    {
        SetPassword(passwordHash, now);
        MarkEmailVerified(now);
        Raise(new PasswordResetEvent(Id, Email, now));
    }

    /// <summary>
    /// Changes the username and the full name; null leaves a field as it is (a blank full name clears it).
    /// One <see cref="ProfileUpdatedEvent"/> names the fields that changed.
    /// </summary>
    public void UpdateProfile(Username? username, string? fullName, DateTime now)
    {
        if (fullName is not null && !Users.FullNameRule.IsValid(fullName))
        {
            throw new DomainException("The full name is not valid.");
        }

        var changed = new List<string>(2);
        if (username is not null && username.Value != Username)
        {
            SetUsername(username);
            changed.Add("username");
        }

        var normalizedFullName = string.IsNullOrWhiteSpace(fullName) ? null : fullName.Trim();
        if (fullName is not null && normalizedFullName != FullName)
        {
            FullName = normalizedFullName;
            changed.Add("full_name");
        }

        if (changed.Count > 0)
        {
            Touch(now);
            Raise(new ProfileUpdatedEvent(Id, changed, now));
        }
    }

    /// <summary>
    /// An administrator changes the username, email, full name or verified flag; null leaves a field as it is (a blank
    /// full name clears it). A new email takes effect at once, replaces any pending one and counts as unverified unless
    /// <paramref name="emailVerified"/> is true. One <see cref="ProfileUpdatedEvent"/> names the fields that changed
    /// (<c>username</c>, <c>email</c>, <c>full_name</c>, <c>email_verified</c>); when none changed, nothing is raised.
    /// </summary>
    public void UpdateByAdministrator(Username? username, Email? email, string? fullName, bool? emailVerified, DateTime now)
    {
        if (fullName is not null && !Users.FullNameRule.IsValid(fullName))
        {
            throw new DomainException("The full name is not valid.");
        }

        var changed = new List<string>(4);
        if (username is not null && username.Value != Username)
        {
            SetUsername(username);
            changed.Add("username");
        }

        if (email is not null && email.Normalized != NormalizedEmail)
        {
            SetEmail(email);
            PendingEmail = null;
            PendingNormalizedEmail = null;
            emailVerified ??= false;
            changed.Add("email");
        }

        var normalizedFullName = string.IsNullOrWhiteSpace(fullName) ? null : fullName.Trim();
        if (fullName is not null && normalizedFullName != FullName)
        {
            FullName = normalizedFullName;
            changed.Add("full_name");
        }

        if (emailVerified is { } verified && verified != EmailVerified)
        {
            EmailVerified = verified;
            changed.Add("email_verified");
        }

        if (changed.Count > 0)
        {
            Touch(now);
            Raise(new ProfileUpdatedEvent(Id, changed, now));
        }
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

        var isNew = email.Normalized != PendingNormalizedEmail;
        PendingEmail = email.Value;
        PendingNormalizedEmail = email.Normalized;
        Touch(now);
        if (isNew)
        {
            Raise(new EmailChangeRequestedEvent(Id, Email, email.Value, now));
        }
    }

    /// <summary>
    /// A verification link for <paramref name="normalizedEmail"/> was followed: the pending address takes effect,
    /// or the current address is marked verified. False when the link is for neither (it is stale).
    /// </summary>
    public bool ConfirmEmail(string normalizedEmail, DateTime now)
    {
        if (normalizedEmail == PendingNormalizedEmail)
        {
            var oldEmail = Email;
            Email = PendingEmail!;
            NormalizedEmail = PendingNormalizedEmail;
            PendingEmail = null;
            PendingNormalizedEmail = null;
            EmailVerified = true;
            Touch(now);
            Raise(new EmailChangedEvent(Id, oldEmail, Email, now));
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
        Raise(new EmailVerifiedEvent(Id, Email, now));
    }

    private void SetPassword(string passwordHash, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
        SecurityStamp++;
        Touch(now);
    }

    private bool EndActivity(DateTime now)
    {
        if (!IsActive)
        {
            return false;
        }

        IsActive = false;
        SecurityStamp++;
        Touch(now);
        return true;
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
