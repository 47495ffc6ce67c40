namespace CleanAuth.Infrastructure.Mail;

/// <summary>
/// The outbox kinds of mail, one per template: all carried out by <see cref="Outbox.Handlers.MailHandler"/>. The
/// template is the kind (not a field of the encrypted payload) so logs and dead rows say which mail it was.
/// </summary>
internal static class MailKinds
{
    public const string EmailVerification = "email-verification";
    public const string PasswordReset = "password-reset";
    public const string Invitation = "invitation";
    public const string PasswordChanged = "password-changed";
    public const string EmailChangeRequested = "email-change-requested";
    public const string EmailChangedByAdministrator = "email-changed-by-administrator";
    public const string AccountExists = "account-exists";
    public const string AccountLocked = "account-locked";

    public static IReadOnlyCollection<string> All { get; } =
        [EmailVerification, PasswordReset, Invitation, PasswordChanged, EmailChangeRequested, EmailChangedByAdministrator, AccountExists, AccountLocked];

    /// <summary>True for a kind of mail (not other background work).</summary>
    public static bool IsMail(string kind) => All.Contains(kind, StringComparer.Ordinal);
}
