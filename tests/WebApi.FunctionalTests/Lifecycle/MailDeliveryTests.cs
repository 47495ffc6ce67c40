using System.Diagnostics;
using System.Globalization;
using System.Net;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Lifecycle;

/// <summary>Mail leaves through an outbox: requests never wait for the SMTP server, and an outage delays mail without losing or repeating it.</summary>
public sealed class MailDeliveryTests
{
    [Fact]
    public async Task Mail_WhenSmtpServerIsDownAndComesBack_ShouldNotSlowRequestsAndDeliverEachMessageExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var proxy = new TcpOutageProxy(SmtpTestServer.Host, SmtpTestServer.Port);
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?>
        {
            ["Email:Smtp:Port"] = proxy.Port.ToString(CultureInfo.InvariantCulture),
        });
        var client = isolated.CreateClient();
        proxy.Stop();

        var users = new List<TestUser>();
        for (var i = 0; i < 3; i++)
        {
            var user = ApiClientExtensions.NewUser();
            var stopwatch = Stopwatch.StartNew();
            var response = await client.RegisterAsync(user, ct);
            stopwatch.Stop();
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(ct));
            stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "a request does not wait for the mail server");
            users.Add(user);
        }

        await Mail.SettleAsync(isolated.Factory, ct); // every message tried, failed, and waiting for its retry
        users.Should().OnlyContain(u => Mail.Box.MessagesTo(u.Email).Count == 0, "nothing can arrive while the server is cut off");
        proxy.Start();

        foreach (var user in users)
        {
            await Mail.Box.WaitForMessageAsync(user.Email, Mail.IsVerification, TimeSpan.FromSeconds(60), ct);
        }

        await Mail.SettleAsync(isolated.Factory, ct, [.. users.Select(u => u.Email)]);
        foreach (var user in users)
        {
            Mail.Box.MessagesTo(user.Email).Should().ContainSingle($"{user.Email} gets its message exactly once");
            var token = TestMailbox.ExtractToken(Mail.Box.MessagesTo(user.Email)[0]);
            (await client.ConfirmEmailVerificationAsync(token, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent, "the delayed link still works");
        }
    }
}
