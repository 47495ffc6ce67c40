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

    public bool EmailVerified { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Consecutive failed logins (used by lockout).</summary>
    public int FailedLoginCount { get; private set; }

    public DateTime? LockoutUntil { get; private set; }

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
        Touch(now);
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
