using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using Npgsql;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

public sealed class HealthTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Liveness_WhenUp_ShouldReturn200WithStatusOnly()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.GetAsync("/health", ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(ct)).Should().Be("{\"status\":\"Healthy\"}");
    }

    [Fact]
    public async Task Readiness_WhenDatabaseUp_ShouldReturn200WithEachCheckAndNoInternals()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await GetReadyAsync(_client, CleanAuthApiFactory.HealthDetailsToken, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        json.GetProperty("status").GetString().Should().BeOneOf("Healthy", "Degraded");
        json.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().Should().Be("Healthy");
        json.GetProperty("checks").GetProperty("email_outbox").GetProperty("dead_messages").GetInt32().Should().BeGreaterThanOrEqualTo(0);
        json.ToString().Should().NotContainAny("Host=", "127.0.0.1", "Exception", "Password");
    }

    [Fact]
    public async Task Readiness_WhenAnonymous_ShouldReturnOnlyEachCheckNameAndStatus()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.GetAsync("/health/ready", ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ShouldHaveStatusesOnly(await response.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task Readiness_WhenDetailsTokenPresented_ShouldIncludeTheCounts()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await GetReadyAsync(_client, CleanAuthApiFactory.HealthDetailsToken, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var outbox = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("checks").GetProperty("email_outbox");
        outbox.GetProperty("dead_messages").GetInt32().Should().BeGreaterThanOrEqualTo(0);
        outbox.GetProperty("pending_messages").GetInt32().Should().BeGreaterThanOrEqualTo(0);
    }

    [Theory]
    [InlineData("health-details-test-token-0123456789abcdeF")]
    [InlineData("health-details-test-token")]
    [InlineData("")]
    public async Task Readiness_WhenWrongDetailsTokenPresented_ShouldReturnStatusesOnly(string token)
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await GetReadyAsync(_client, token, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ShouldHaveStatusesOnly(await response.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task Readiness_WhenPasswordResetIsRequestedForRegisteredOrUnknownAddress_ShouldAnswerAnonymousCallersIdentically()
    {
        // The attack: a reset request for a registered address queues a mail, one for an unknown address does not,
        // so a public pending-mail count would tell which addresses have accounts. Mail is kept pending here (the SMTP
        // port refuses connections, retries are an hour apart) so the count would stay visible.
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?>
        {
            ["Email:Smtp:Port"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:RetryBaseSeconds"] = "3600",
        });
        var client = isolated.CreateClient();
        var registered = await client.RegisterNewUserAsync(ct);
        await WaitForPendingMailAsync(client, 1, ct);
        var baseline = await (await client.GetAsync("/health/ready", ct)).Content.ReadAsStringAsync(ct);

        (await client.RequestPasswordResetAsync($"nobody-{Guid.NewGuid():N}@example.com", ct)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await WaitForPendingMailAsync(client, 1, ct);
        var afterUnknown = await (await client.GetAsync("/health/ready", ct)).Content.ReadAsStringAsync(ct);
        (await client.RequestPasswordResetAsync(registered.Email, ct)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await WaitForPendingMailAsync(client, 2, ct);
        var afterRegistered = await (await client.GetAsync("/health/ready", ct)).Content.ReadAsStringAsync(ct);

        afterUnknown.Should().Be(baseline);
        afterRegistered.Should().Be(baseline, "the readiness answer must not change with another person's account");
    }

    [Fact]
    public async Task Api_WhenDatabaseGoesAwayAndReturns_ShouldAnswer503QuicklyThenRecoverByItself()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresTestServer.CreateDatabaseAsync(ct);
        var real = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpOutageProxy(real.Host!, real.Port);
        var proxied = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;
        await using var factory = new CleanAuthApiFactory(proxied);
        var client = factory.CreateClient();
        var (user, tokens) = await client.RegisterAndLoginAsync(ct);

        proxy.Stop();
        var timer = Stopwatch.StartNew();
        var login = await client.LoginAsync(user, ct);
        var me = await client.GetMeAsync(tokens.AccessToken, ct);
        var refresh = await client.RefreshAsync(tokens.RefreshToken, ct);
        var ready = await client.GetAsync("/health/ready", ct);
        var live = await client.GetAsync("/health", ct);
        timer.Stop();

        foreach (var response in new[] { login, me, refresh })
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE", ct);
            response.Headers.RetryAfter.Should().NotBeNull();
        }

        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("status").GetString().Should().Be("Unhealthy");
        live.StatusCode.Should().Be(HttpStatusCode.OK);
        timer.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "an outage is answered quickly, not after long time-outs");

        proxy.Start();
        var recovered = false;
        for (var attempt = 0; attempt < 40 && !recovered; attempt++)
        {
            recovered = (await client.GetAsync("/health/ready", ct)).StatusCode == HttpStatusCode.OK
                && (await client.LoginAsync(user, ct)).StatusCode == HttpStatusCode.OK;
            if (!recovered)
            {
                await Task.Delay(250, ct);
            }
        }

        recovered.Should().BeTrue("the API recovers by itself when the database returns");
        (await client.RefreshAsync(tokens.RefreshToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "nothing was half-applied during the outage");
    }

    private static async Task<HttpResponseMessage> GetReadyAsync(HttpClient client, string? token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        }

        return await client.SendAsync(request, ct);
    }

    /// <summary>Only {status, checks: {name: {status}}}: no counts, timings, descriptions or messages.</summary>
    private static void ShouldHaveStatusesOnly(string body)
    {
        var json = JsonDocument.Parse(body).RootElement;
        json.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["status", "checks"], body);
        json.GetProperty("status").GetString().Should().BeOneOf("Healthy", "Degraded", "Unhealthy");
        var checks = json.GetProperty("checks").EnumerateObject().ToList();
        checks.Select(c => c.Name).Should().BeEquivalentTo(["database", "email_outbox"], body);
        foreach (var check in checks)
        {
            check.Value.EnumerateObject().Select(p => p.Name).Should().Equal(["status"], body);
        }
    }

    /// <summary>Waits (as the operator, with the details token) until the background work settled on this many pending mails.</summary>
    private static async Task WaitForPendingMailAsync(HttpClient client, int expected, CancellationToken ct)
    {
        var pending = -1;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var body = await (await GetReadyAsync(client, CleanAuthApiFactory.HealthDetailsToken, ct)).Content.ReadAsStringAsync(ct);
            pending = JsonDocument.Parse(body).RootElement.GetProperty("checks").GetProperty("email_outbox").GetProperty("pending_messages").GetInt32();
            if (pending == expected)
            {
                return;
            }

            await Task.Delay(100, ct);
        }

        pending.Should().Be(expected, "the queued work should have run");
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
