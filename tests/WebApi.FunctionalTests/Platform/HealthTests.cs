using System.Diagnostics;
using System.Net;
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

        var response = await _client.GetAsync("/health/ready", ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        json.GetProperty("status").GetString().Should().BeOneOf("Healthy", "Degraded");
        json.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().Should().Be("Healthy");
        json.GetProperty("checks").GetProperty("email_outbox").GetProperty("dead_messages").GetInt32().Should().BeGreaterThanOrEqualTo(0);
        json.ToString().Should().NotContainAny("Host=", "127.0.0.1", "Exception", "Password");
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
}
