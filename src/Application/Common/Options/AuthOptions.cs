namespace CleanAuth.Application.Common.Options;

public enum RegistrationMode
{
    Open,
    InviteOnly,
}

/// <summary>Section <c>Auth</c>: account-lifecycle policy.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public RegistrationMode RegistrationMode { get; set; } = RegistrationMode.Open;

    /// <summary>When false, registering a taken email answers exactly like a new one (202) and mails its owner a notice.</summary>
    public bool RevealRegisteredEmails { get; set; } = true;

    /// <summary>When true, an unverified account cannot log in (403 EMAIL_NOT_VERIFIED, after the password checks out).</summary>
    public bool RequireVerifiedEmail { get; set; }

    public double PasswordResetMinutes { get; set; } = 30;

    public double EmailVerificationHours { get; set; } = 48;

    public double InvitationDays { get; set; } = 7;

    public TimeSpan PasswordResetLifetime => TimeSpan.FromMinutes(PasswordResetMinutes);

    public TimeSpan EmailVerificationLifetime => TimeSpan.FromHours(EmailVerificationHours);

    public TimeSpan InvitationLifetime => TimeSpan.FromDays(InvitationDays);
}
