using System.Globalization;
using System.Net;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Infrastructure.Outbox;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Mail;

/// <summary>
/// Renders the account mails (plain text and HTML) and adds them to the outbox in the current unit of work,
/// so they commit, or not, with the change that caused them; <see cref="Outbox.Handlers.MailHandler"/> delivers them.
/// </summary>
internal sealed class AccountMailer : IAccountMailer
{
    private readonly OutboxWriter _outbox;
    private readonly string _baseUrl;

    public AccountMailer(OutboxWriter outbox, IOptions<AppOptions> app)
    {
        _outbox = outbox;
        _baseUrl = app.Value.PublicBaseUrl!.TrimEnd('/');
    }

    public void EmailVerification(string toEmail, string token) =>
        Queue(MailKinds.EmailVerification, toEmail, "Verify your email address for CleanAuth",
            "Confirm that this address is yours by opening the link below. It works once and expires.",
            Link("verify-email", "token", token), "Verify email address");

    public void PasswordReset(string toEmail, string token) =>
        Queue(MailKinds.PasswordReset, toEmail, "Reset your CleanAuth password",
            "Someone asked to reset the password of the CleanAuth account for this address. If it was you, open the link below; it works once and expires soon. If it was not you, ignore this mail: nothing has changed.",
            Link("reset-password", "token", token), "Choose a new password");

    public void Invitation(string toEmail, string token) =>
        Queue(MailKinds.Invitation, toEmail, "You are invited to CleanAuth",
            "You have been invited to create a CleanAuth account. Open the link below to register; it works once and expires.",
            Link("register", "invite_token", token), "Create your account");

    public void PasswordChanged(string toEmail) =>
        Queue(MailKinds.PasswordChanged, toEmail, "Your CleanAuth password was changed",
            "The password of your CleanAuth account was just changed, and your other sessions were signed out. If this was not you, reset your password at once and contact your administrator.",
            null, null);

    public void EmailChangeRequested(string oldEmail, string newEmail) =>
        Queue(MailKinds.EmailChangeRequested, oldEmail, "Your CleanAuth email address is changing",
            $"Someone signed in to your CleanAuth account asked to change its email address to {newEmail}. The change takes effect only when confirmed from that address. If this was not you, change your password at once.",
            null, null);

    public void EmailChangedByAdministrator(string oldEmail) =>
        Queue(MailKinds.EmailChangedByAdministrator, oldEmail, "Your CleanAuth account has a new email address",
            "An administrator changed the email address of your CleanAuth account to another address. Mail about the account now goes there, links sent to this address no longer work, and you sign in with the new address or your username. If you did not expect this, contact your administrator.",
            null, null);

    public void AccountAlreadyExists(string toEmail) =>
        Queue(MailKinds.AccountExists, toEmail, "Someone tried to create an account with your email",
            "Someone tried to create a CleanAuth account with this address, which already has one. If it was you, log in, or reset your password if you have forgotten it. If not, you can ignore this mail.",
            null, null);

    public void AccountLocked(string toEmail, DateTime lockedUntil) =>
        Queue(MailKinds.AccountLocked, toEmail, "Your CleanAuth account is locked for now",
            $"Too many failed sign-in attempts locked your CleanAuth account until {lockedUntil.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. Nobody signed in. If it was you and you have forgotten your password, reset it from the link below; a reset also lifts the lock. If it was not you, someone may be guessing your password: choose a long, unique one.",
            $"{_baseUrl}/forgot-password", "Reset your password");

    private string Link(string page, string parameter, string token) => $"{_baseUrl}/{page}?{parameter}={Uri.EscapeDataString(token)}";

    private void Queue(string kind, string to, string subject, string paragraph, string? link, string? linkText)
    {
        var text = link is null ? $"{paragraph}\n\n— CleanAuth\n" : $"{paragraph}\n\n{link}\n\n— CleanAuth\n";
        var encodedLink = link is null ? "" : WebUtility.HtmlEncode(link);
        var html = link is null
            ? $"<!DOCTYPE html><html><body><p>{WebUtility.HtmlEncode(paragraph)}</p><p>— CleanAuth</p></body></html>"
            : $"<!DOCTYPE html><html><body><p>{WebUtility.HtmlEncode(paragraph)}</p><p><a href=\"{encodedLink}\">{WebUtility.HtmlEncode(linkText)}</a></p><p>{encodedLink}</p><p>— CleanAuth</p></body></html>";
        _outbox.Enqueue(kind, new MailContent(subject, text, html), recipient: to);
    }
}
