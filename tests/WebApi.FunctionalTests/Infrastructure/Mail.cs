using CleanAuth.Infrastructure.Persistence;
using CleanAuth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>
    /// Waits until the <paramref name="host"/>'s outbox has drained, before a test asserts that some mail did not come
    /// (or came only once). Drained means, read in one query against the host's database at the host's clock:
    /// <list type="bullet">
    /// <item>no message is due now (neither sent nor dead, and its next attempt is not in the future), and none is in
    /// flight (leased by a dispatcher); a message whose retry is scheduled in the future (an outage) does not hold
    /// the wait, unless it is addressed to one of <paramref name="deliveredTo"/>;</item>
    /// <item>every message to an address in <paramref name="deliveredTo"/> is finished (sent or dead), whatever its
    /// next attempt: for tests that must see a retried mail through to the end;</item>
    /// <item>for every address the outbox has sent mail to, the SMTP server's Maildir holds at least as many messages
    /// (a mail counts as sent once the server accepted it, and aiosmtpd writes it to the Maildir before accepting).</item>
    /// </list>
    /// Work that queues mail (a password-reset lookup) is in flight until its mail is queued, in the same transaction,
    /// so a follow-up mail is seen as due before its cause is seen as done. The host must mail over SMTP to
    /// <see cref="SmtpTestServer"/> (as every <see cref="CleanAuthApiFactory"/> does unless a test overrides it). Fails after
    /// <see cref="TestMailbox.DefaultTimeout"/>, naming the messages still outstanding.
    /// </summary>
    public static async Task SettleAsync(CleanAuthApiFactory host, CancellationToken cancellationToken, params IReadOnlyCollection<string> deliveredTo)
    {
        var timeout = TestMailbox.DefaultTimeout;
        var deadline = DateTime.UtcNow + timeout;
        var waitFor = deliveredTo.ToHashSet(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            var outstanding = await OutstandingAsync(host, waitFor, cancellationToken);
            if (outstanding.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"Waited {timeout.TotalSeconds:0.#} s for the outbox to drain; still outstanding:\n{string.Join('\n', outstanding)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    public static void ShouldComeFromTheApp(MimeMessage message)
    {
        message.From.Mailboxes.Should().ContainSingle().Which.Address.Should().Be(CleanAuthApiFactory.MailFromAddress);
        message.TextBody.Should().NotBeNullOrWhiteSpace("every mail has a plain-text part");
        message.HtmlBody.Should().NotBeNullOrWhiteSpace("every mail has an HTML part");
    }

    /// <summary>What keeps <see cref="SettleAsync"/> waiting, one line each; empty once drained.</summary>
    private static async Task<List<string>> OutstandingAsync(CleanAuthApiFactory host, HashSet<string> deliveredTo, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var rows = await db.OutboxMessages.AsNoTracking()
            .Select(m => new { m.Id, m.Kind, m.Recipient, m.Attempts, m.NextAttemptAt, m.LeaseUntil, m.SentAt, m.DeadAt, m.LastError })
            .ToListAsync(cancellationToken);

        var outstanding = rows
            .Where(m => m.SentAt is null && m.DeadAt is null)
            .Where(m => m.NextAttemptAt <= now || (m.LeaseUntil is { } lease && lease >= now) || (m.Recipient is not null && deliveredTo.Contains(m.Recipient)))
            .Select(m => $"{m.Kind} {m.Id} to {m.Recipient ?? "-"}: {m.Attempts} attempt(s), next at {m.NextAttemptAt:o}, leased until {m.LeaseUntil:o}, last error {m.LastError ?? "none"}")
            .ToList();

        foreach (var sent in rows.Where(m => m.SentAt is not null && m.Recipient is not null).GroupBy(m => m.Recipient!, StringComparer.OrdinalIgnoreCase))
        {
            var arrived = Box.MessagesTo(sent.Key).Count;
            if (arrived < sent.Count())
            {
                outstanding.Add($"{sent.Count()} mail(s) to {sent.Key} accepted by the SMTP server, {arrived} in its Maildir so far");
            }
        }

        return outstanding;
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
