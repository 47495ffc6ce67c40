using System.Net.Mail;
using System.Net.Mime;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// The mail harness itself, against the real test SMTP server: what the lifecycle tests conclude from the
/// mailbox (a message arrived, once, carrying this token) holds only if the harness reads mail faithfully.
/// </summary>
public sealed class MailHarnessTests
{
    [Fact]
    public async Task Mailbox_WhenAMessageIsSentOverSmtp_ShouldFindItByRecipientAndExtractItsToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var to = ApiClientExtensions.NewUser().Email;
        var token = NewToken();
        var link = $"{CleanAuthApiFactory.PublicBaseUrl}/verify-email?token={token}";

        await SendAsync(SmtpTestServer.Port, to, "Verify your email", $"Open {link} to verify.", $"<p><a href=\"{link}\">{link}</a></p>", ct);

        var message = await Mail.Box.WaitForMessageAsync(to, Mail.IsVerification, TestMailbox.DefaultTimeout, ct);
        Mail.ShouldComeFromTheApp(message);
        TestMailbox.ExtractLink(message).Should().Be((link, token));
        Mail.Box.MessagesTo(to).Should().ContainSingle();
        Mail.Box.MessagesTo(ApiClientExtensions.NewUser().Email).Should().BeEmpty();
        TestMailbox.HasTokenLink(message).Should().BeTrue();
    }

    [Fact]
    public async Task ExtractToken_WhenTheHtmlPartLacksTheLink_ShouldFail()
    {
        var ct = TestContext.Current.CancellationToken;
        var to = ApiClientExtensions.NewUser().Email;
        var token = NewToken();

        await SendAsync(SmtpTestServer.Port, to, "Reset your password", $"Open {CleanAuthApiFactory.PublicBaseUrl}/reset-password?token={token}", "<p>No link here.</p>", ct);

        var message = await Mail.Box.WaitForMessageAsync(to, Mail.IsReset, TestMailbox.DefaultTimeout, ct);
        var extract = () => TestMailbox.ExtractToken(message);
        extract.Should().Throw<Exception>().Which.Message.Should().Contain("HTML part");
    }

    [Fact]
    public async Task Mailbox_WhenWaitingForMailThatNeverComes_ShouldTimeOutNamingTheAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        var to = ApiClientExtensions.NewUser().Email;

        var wait = () => Mail.Box.WaitForMessageAsync(to, null, TimeSpan.FromMilliseconds(300), ct);

        (await wait.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain(to);
    }

    [Fact]
    public async Task OutageProxy_WhenStoppedAndStarted_ShouldCutTheSmtpServerOffAndBringItBack()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var proxy = new TcpOutageProxy(SmtpTestServer.Host, SmtpTestServer.Port);
        var to = ApiClientExtensions.NewUser().Email;
        proxy.Stop();

        var whileDown = () => SendAsync(proxy.Port, to, "Verify your email", "down", "<p>down</p>", ct);

        await whileDown.Should().ThrowAsync<SmtpException>();
        proxy.Start();
        await SendAsync(proxy.Port, to, "Verify your email", "up", "<p>up</p>", ct);
        (await Mail.Box.WaitForMessageAsync(to, null, TestMailbox.DefaultTimeout, ct)).TextBody.Should().Contain("up");
        Mail.Box.MessagesTo(to).Should().ContainSingle();
    }

    private static string NewToken() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task SendAsync(int port, string to, string subject, string text, string html, CancellationToken cancellationToken)
    {
        using var message = new MailMessage(new MailAddress(CleanAuthApiFactory.MailFromAddress, "CleanAuth"), new MailAddress(to)) { Subject = subject };
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(text, null, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(html, null, MediaTypeNames.Text.Html));
        using var smtp = new SmtpClient(SmtpTestServer.Host, port) { EnableSsl = false, Timeout = 10_000 };
        await smtp.SendMailAsync(message, cancellationToken);
    }
}
