using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// The built app as a real process (so its meters count its own requests only, and exactly), scraped as Prometheus
/// scrapes it after one of each outcome the metrics count: what it answers passes <c>promtool check metrics</c>, and each
/// count is the number of outcomes.
/// </summary>
public sealed class MetricsScrapeTests
{
    private const string Token = "metrics-scrape-test-token-0123456789abcdef";
    private const string DatabasePassword = "database-password-never-in-metrics";

    [Fact]
    public async Task Scrape_AfterEachKindOfOutcome_ShouldCountEveryOneExactlyAndPassPromtool()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresTestServer.CreateDatabaseAsync(ct);
        await using var app = await RunningApp.StartAsync(ct, database, new Dictionary<string, string>
        {
            ["Metrics__Enabled"] = "true",
            ["Metrics__BearerToken"] = Token,
            // The test server trusts every local connection, so the password is never checked: only whether it leaks.
            ["ConnectionStrings__Default"] = $"{database.ConnectionString};Password={DatabasePassword}",
            ["Lockout__MaxFailedAttempts"] = "2",
            ["Jwt__RefreshReuseGraceSeconds"] = "0",
            ["Email__Provider"] = "Smtp",
            ["Email__Smtp__Host"] = SmtpTestServer.Host,
            ["Email__Smtp__Port"] = SmtpTestServer.Port.ToString(CultureInfo.InvariantCulture),
            ["Email__Smtp__UseStartTls"] = "false",
            ["Email__From"] = CleanAuthApiFactory.MailFrom,
            ["Email__PollIntervalSeconds"] = "0.2",
        });
        var client = app.Client;

        var ada = await client.RegisterNewUserAsync(ct);
        var bob = await client.RegisterNewUserAsync(ct);
        var tokens = await client.LoginTokensAsync(ada, ct);
        for (var i = 0; i < 2; i++)
        {
            (await client.LoginAsync(bob with { Password = "wrong " + bob.Password }, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        (await client.LoginAsync(bob, ct)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await client.RefreshAsync(tokens.RefreshToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.RefreshAsync(tokens.RefreshToken, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a replayed refresh token");
        (await client.RefreshAsync(Base64Url(RandomNumberGenerator.GetBytes(32)), ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.RequestPasswordResetAsync(ada.Email, ct)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var resetToken = await Mail.ResetTokenAsync(ada.Email, cancellationToken: ct);
        (await client.ConfirmPasswordResetAsync(resetToken, ApiClientExtensions.NewPassword(), ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var (text, samples) = await ScrapeWhenMailIsSettledAsync(client, [ada.Email, bob.Email], ct);

        var (exitCode, verdict) = await PrometheusText.PromtoolCheckAsync(text, ct);
        exitCode.Should().Be(0, $"promtool check metrics found:\n{verdict}");
        samples.ValueOf("cleanauth_registrations_total").Should().Be(2);
        samples.ValueOf("cleanauth_logins_total", ("result", "succeeded")).Should().Be(1);
        samples.ValueOf("cleanauth_logins_total", ("result", "failed")).Should().Be(2);
        samples.ValueOf("cleanauth_logins_total", ("result", "throttled")).Should().Be(1);
        samples.ValueOf("cleanauth_token_refreshes_total", ("result", "succeeded")).Should().Be(1);
        samples.ValueOf("cleanauth_token_refreshes_total", ("result", "reuse_detected")).Should().Be(1);
        samples.ValueOf("cleanauth_token_refreshes_total", ("result", "failed")).Should().Be(1);
        samples.ValueOf("cleanauth_password_resets_total").Should().Be(1);
        samples.ValueOf("cleanauth_emails_total", ("result", "sent")).Should().BeGreaterThanOrEqualTo(4, "two verifications, a lockout notice and the reset link at least");
        samples.ValueOf("cleanauth_emails_total", ("result", "failed")).Should().BeNull("no attempt failed");
        samples.ValueOf("cleanauth_outbox_messages", ("state", "pending")).Should().Be(0);
        samples.ValueOf("cleanauth_outbox_messages", ("state", "dead")).Should().Be(0);
        samples.ValueOf("cleanauth_password_hash_duration_seconds_count", ("operation", "hash")).Should().Be(3, "two registrations and the reset");
        samples.ValueOf("cleanauth_password_hash_duration_seconds_count", ("operation", "verify")).Should().Be(
            4, "a login, two wrong passwords (the throttled attempt runs none) and the reset's check that the new password differs");
        samples.Named("cleanauth_password_hash_duration_seconds_bucket", ("operation", "verify"), ("le", "+Inf")).Should().ContainSingle().Which.Value.Should().Be(4);
        samples.ValueOf("http_server_request_duration_seconds_count", ("http_route", "api/v1/auth/login"), ("http_response_status_code", "429"), ("http_request_method", "POST"))
            .Should().Be(1);
        samples.Named("db_client_connections_usage").Should().NotBeEmpty("Npgsql's connection pool");
        text.Should().NotContain(DatabasePassword).And.NotContain(Token);
        app.Output.Should().NotContain(Token, "the scraper's token is never logged");
    }

    /// <summary>Scrapes until every mail to <paramref name="addresses"/> that reached the SMTP server is counted as sent and none is pending.</summary>
    private static async Task<(string Text, IReadOnlyList<PrometheusSample> Samples)> ScrapeWhenMailIsSettledAsync(
        HttpClient client, string[] addresses, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TestMailbox.DefaultTimeout;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            var response = await client.SendAsync(request, ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var text = await response.Content.ReadAsStringAsync(ct);
            var samples = PrometheusText.Parse(text);
            var delivered = addresses.Sum(a => Mail.Box.MessagesTo(a).Count);
            if ((samples.ValueOf("cleanauth_emails_total", ("result", "sent")) ?? 0) == delivered
                && samples.ValueOf("cleanauth_outbox_messages", ("state", "pending")) == 0)
            {
                return (text, samples);
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"the outbox should settle; last scrape:\n{text}");
            await Task.Delay(200, ct);
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
