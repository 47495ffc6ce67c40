namespace CleanAuth.Application.Common.Options;

/// <summary>
/// Section <c>Admin</c>: the account start-up creates (roles admin and user, email verified) unless its email already
/// has one. Both <see cref="Email"/> and <see cref="Password"/>, or neither.
/// </summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }

    public string Username { get; set; } = "admin";

    /// <summary>True when start-up should make sure the admin exists.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(Email) && !string.IsNullOrEmpty(Password);

    // Never the password: an options object can end up in a log or an exception message.
    public override string ToString() => $"{nameof(AdminOptions)} {{ Email = {Email}, Username = {Username} }}";
}
