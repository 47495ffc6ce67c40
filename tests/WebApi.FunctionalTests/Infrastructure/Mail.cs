using CleanAuth.TestCommon;
using MimeKit;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>The mail the contract promises, read from the real test SMTP server's Maildir.</summary>
public static class Mail
{
    public const string PasswordChangedSubject = "Your CleanAuth password was changed";
    public const string EmailChangingSubject = "Your CleanAuth email address is changing";
    public const string AccountLockedSubject = "Your CleanAuth account is locked for now";
    public const string RegistrationAttemptSubject = "Someone tried to create an account with your email";

    public static TestMailbox Box => SmtpTestServer.Mailbox;

    public static bool IsVerification(MimeMessage message) => message.Subject?.StartsWith("Verify", StringComparison.Ordinal) == true;

    public static bool IsReset(MimeMessage message) => message.Subject?.StartsWith("Reset", StringComparison.Ordinal) == true;

    public static Func<MimeMessage, bool> WithSubject(string subject) => m => m.Subject == subject;

    /// <summary>Waits for the <paramref name="nth"/> verification mail to the address and returns its token, checking the link and sender.</summary>
    public static Task<string> VerificationTokenAsync(string to, int nth = 1, CancellationToken cancellationToken = default) =>
        TokenAsync(to, nth, IsVerification, "/verify-email?token=", cancellationToken);

    /// <summary>Waits for the <paramref name="nth"/> password-reset mail to the address and returns its token, checking the link and sender.</summary>
    public static Task<string> ResetTokenAsync(string to, int nth = 1, CancellationToken cancellationToken = default) =>
        TokenAsync(to, nth, IsReset, "/reset-password?token=", cancellationToken);

    /// <summary>Waits for a notice with exactly this subject, and checks it carries no token link.</summary>
    public static async Task<MimeMessage> NoticeAsync(string to, string subject, CancellationToken cancellationToken = default)
    {
        var notice = await Box.WaitForMessageAsync(to, WithSubject(subject), TestMailbox.DefaultTimeout, cancellationToken);
        ShouldComeFromTheApp(notice);
        TestMailbox.HasTokenLink(notice).Should().BeFalse($"a notice carries no token link:\n{notice.TextBody}");
        return notice;
    }

    /// <summary>Lets mail that is still on its way arrive, before a test asserts something did not come.</summary>
    public static Task SettleAsync(CancellationToken cancellationToken) => Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);

    public static void ShouldComeFromTheApp(MimeMessage message)
    {
        message.From.Mailboxes.Should().ContainSingle().Which.Address.Should().Be(CleanAuthApiFactory.MailFromAddress);
        message.TextBody.Should().NotBeNullOrWhiteSpace("every mail has a plain-text part");
        message.HtmlBody.Should().NotBeNullOrWhiteSpace("every mail has an HTML part");
    }

    private static async Task<string> TokenAsync(string to, int nth, Func<MimeMessage, bool> kind, string path, CancellationToken cancellationToken)
    {
        var messages = await Box.WaitForMessagesAsync(to, nth, kind, TestMailbox.DefaultTimeout, cancellationToken);
        var message = messages[nth - 1];
        ShouldComeFromTheApp(message);
        var (url, token) = TestMailbox.ExtractLink(message);
        url.Should().Be(CleanAuthApiFactory.PublicBaseUrl + path + token);
        return token;
    }
}
