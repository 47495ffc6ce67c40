using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// <c>/metrics</c> over HTTP: absent unless <c>Metrics:Enabled</c>; then open to <c>Authorization: Bearer
/// &lt;Metrics:BearerToken&gt;</c> and to clients in <c>Metrics:AllowedNetworks</c> (their address as resolved behind
/// trusted proxies), to everyone in Development when neither is set, and otherwise the 401 <c>INVALID_TOKEN</c>
/// problem. Every answer carries the edge headers and <c>Cache-Control: no-store</c>.
/// </summary>
public sealed class MetricsAccessTests(ApiFixture api)
{
    private const string Token = "metrics-scrape-test-token-0123456789abcdef";
    private const string Stranger = "198.51.100.7";
    private const string Proxy = "192.0.2.10";
    private const string Scraper = "10.1.2.3";

    [Fact]
    public async Task Metrics_WhenDisabled_ShouldAnswerLikeAnyUnknownRoute()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = api.CreateClient();

        var metrics = await client.SendAsync(Scrape(Token), ct);
        var unknown = await client.GetAsync("/no-such-page", ct);

        var body = await metrics.ShouldBeProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND", ct);
        var unknownBody = await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND", ct);
        ApiClientExtensions.WithoutTraceId(body).Should().Be(ApiClientExtensions.WithoutTraceId(unknownBody), "Metrics:Enabled is off by default");
        metrics.ShouldCarryEdgeHeaders("/metrics while off", noStore: true);
    }

    [Fact]
    public async Task Scrape_WithTheBearerToken_ShouldAnswerPrometheusTextWithTheRequestDurationHistogram()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await StartAsync(new() { ["Metrics:BearerToken"] = Token });
        var client = isolated.CreateClient();
        (await client.GetAsync("/api/v1/users/me", ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var response = await client.SendAsync(Scrape(Token), ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be(PrometheusText.ContentType);
        response.ShouldCarryEdgeHeaders("a scrape", noStore: true);
        var samples = PrometheusText.Parse(await response.Content.ReadAsStringAsync(ct));
        samples.Named("http_server_request_duration_seconds_bucket", ("http_route", "api/v1/users/me"), ("http_response_status_code", "401"))
            .Should().NotBeEmpty("ASP.NET Core's request histogram, labelled by route and status");
        samples.Named("http_server_request_duration_seconds_count", ("http_route", "api/v1/users/me"), ("http_response_status_code", "401"))
            .Should().ContainSingle().Which.Value.Should().BeGreaterThanOrEqualTo(1);
    }

    public static TheoryData<string, string?, string> RefusedCredentials() => new()
    {
        { "no Authorization header", null, "Bearer" },
        { "another secret", "Bearer not-the-metrics-token-0123456789abcdef", "Bearer error=\"invalid_token\"" },
        { "the token but its last character", $"Bearer {Token[..^1]}F", "Bearer error=\"invalid_token\"" },
        { "a prefix of the token", $"Bearer {Token[..32]}", "Bearer error=\"invalid_token\"" },
        { "the token with more after it", $"Bearer {Token}0", "Bearer error=\"invalid_token\"" },
        { "the token in another scheme", $"Basic {Token}", "Bearer error=\"invalid_token\"" },
        { "the token without a scheme", Token, "Bearer error=\"invalid_token\"" },
        { "an empty bearer", "Bearer ", "Bearer error=\"invalid_token\"" },
    };

    [Theory]
    [MemberData(nameof(RefusedCredentials))]
    public async Task Scrape_WithoutTheBearerToken_ShouldAnswer401InvalidToken(string kind, string? authorization, string challenge)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await StartAsync(new() { ["Metrics:BearerToken"] = Token });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await isolated.CreateClient().SendAsync(request, ct);

        var body = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        body.ToString().Should().NotContain("cleanauth_", kind);
        response.HeaderValue("WWW-Authenticate").Should().Be(challenge, kind);
        response.ShouldCarryEdgeHeaders($"a refused scrape: {kind}", noStore: true);
    }

    [Fact]
    public async Task Scrape_WithAUsersAccessToken_ShouldAnswer401()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await StartAsync(new() { ["Metrics:BearerToken"] = Token });
        var client = isolated.CreateClient();
        var (_, tokens) = await client.RegisterAndLoginAsync(ct);

        var response = await client.SendAsync(Scrape(tokens.AccessToken), ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
    }

    [Fact]
    public async Task Scrape_FromAnAllowedNetwork_ShouldNeedNoTokenAndOthersShouldBeRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await StartAsync(new()
        {
            ["Metrics:AllowedNetworks:0"] = "10.1.0.0/16",
            ["Metrics:AllowedNetworks:1"] = "2001:db8::/32",
        });
        var client = isolated.CreateClient();

        (await ScrapeFromAsync(client, Scraper, null, null, ct)).Should().Be(HttpStatusCode.OK, "a client in an allowed range");
        (await ScrapeFromAsync(client, "::ffff:10.1.200.1", null, null, ct)).Should().Be(HttpStatusCode.OK, "its IPv4 form through a dual-stack socket");
        (await ScrapeFromAsync(client, "2001:db8::7", null, null, ct)).Should().Be(HttpStatusCode.OK, "an IPv6 range");
        (await ScrapeFromAsync(client, "10.2.0.1", null, null, ct)).Should().Be(HttpStatusCode.Unauthorized, "outside the range");
        (await ScrapeFromAsync(client, Stranger, null, null, ct)).Should().Be(HttpStatusCode.Unauthorized);
        (await ScrapeFromAsync(client, "127.0.0.1", null, null, ct)).Should().Be(HttpStatusCode.Unauthorized, "loopback is not allowed unless listed");
        (await ScrapeFromAsync(client, Stranger, null, Token, ct)).Should().Be(HttpStatusCode.Unauthorized, "no token is set: no token opens it");
    }

    [Fact]
    public async Task Scrape_WhenBothAreSet_ShouldAcceptEitherTheTokenOrTheNetwork()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await StartAsync(new() { ["Metrics:BearerToken"] = Token, ["Metrics:AllowedNetworks:0"] = "10.1.0.0/16" });
        var client = isolated.CreateClient();

        (await ScrapeFromAsync(client, Scraper, null, null, ct)).Should().Be(HttpStatusCode.OK);
        (await ScrapeFromAsync(client, Stranger, null, Token, ct)).Should().Be(HttpStatusCode.OK);
        (await ScrapeFromAsync(client, Stranger, null, null, ct)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Scrape_WhenAnUntrustedPeerClaimsAnAllowedAddress_ShouldBeRefusedAndATrustedProxysClientAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await StartAsync(new()
        {
            ["Metrics:AllowedNetworks:0"] = "10.1.0.0/16",
            ["Network:TrustedProxies:0"] = Proxy,
        });
        var client = isolated.CreateClient();

        (await ScrapeFromAsync(client, Stranger, Scraper, null, ct)).Should().Be(HttpStatusCode.Unauthorized, "a stranger's X-Forwarded-For is not believed");
        (await ScrapeFromAsync(client, Proxy, $"{Scraper}, {Proxy}", null, ct)).Should().Be(HttpStatusCode.OK, "a trusted proxy's client is the scraper");
        (await ScrapeFromAsync(client, Proxy, $"{Scraper}, {Stranger}", null, ct)).Should().Be(HttpStatusCode.Unauthorized, "the right-most untrusted address is the client");
        (await ScrapeFromAsync(client, Proxy, Stranger, null, ct)).Should().Be(HttpStatusCode.Unauthorized, "the proxy relays a stranger");
    }

    [Fact]
    public async Task Scrape_InDevelopmentWithNeitherTokenNorNetwork_ShouldBeOpen()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await StartAsync([]);
        var development = isolated.Factory.WithWebHostBuilder(b => b.UseEnvironment("Development"));

        var response = await development.CreateClient().GetAsync("/metrics", ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.ShouldCarryEdgeHeaders("an open scrape", noStore: true);
    }

    [Fact]
    public async Task Scrape_InDevelopmentWithATokenSet_ShouldNeedIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await StartAsync(new() { ["Metrics:BearerToken"] = Token });
        var client = isolated.Factory.WithWebHostBuilder(b => b.UseEnvironment("Development")).CreateClient();

        (await client.GetAsync("/metrics", ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.SendAsync(Scrape(Token), ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Preflight_OfMetrics_ShouldCarryTheEdgeHeadersAndNoStore()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await StartAsync(new() { ["Metrics:BearerToken"] = Token, ["Cors:AllowedOrigins:0"] = "https://app.example.com" });
        using var request = new HttpRequestMessage(HttpMethod.Options, "/metrics");
        request.Headers.Add("Origin", "https://app.example.com");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");

        var response = await isolated.CreateClient().SendAsync(request, ct);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.ShouldCarryEdgeHeaders("a preflight of /metrics", noStore: true);
    }

    [Fact]
    public async Task Scrape_WithTheBearerToken_ShouldNeverLogIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await StartAsync(new() { ["Metrics:BearerToken"] = Token, ["Logging:Format"] = "Json" });
        var client = isolated.CreateClient();

        (await client.SendAsync(Scrape(Token), ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.SendAsync(Scrape(Token[..^1] + "F"), ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var logs = isolated.Factory.Logs;
        logs.Events.Should().Contain(e => e.Contains("/metrics", StringComparison.Ordinal), "the scrapes were logged");
        logs.AllText.Should().NotContain(Token[..24]);
        string.Join('\n', logs.JsonLines).Should().NotContain(Token[..24]);
    }

    private static Task<IsolatedApi> StartAsync(Dictionary<string, string?> settings)
    {
        settings["Metrics:Enabled"] = "true";
        return ApiFixture.StartIsolatedAsync(
            settings, s => s.AddSingleton<IStartupFilter>(new PeerAddressStartupFilter(IPAddress.Parse(Stranger))));
    }

    private static HttpRequestMessage Scrape(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<HttpStatusCode> ScrapeFromAsync(HttpClient client, string peer, string? forwardedFor, string? token, CancellationToken ct)
    {
        using var request = token is null ? new HttpRequestMessage(HttpMethod.Get, "/metrics") : Scrape(token);
        request.Headers.Add(PeerAddressStartupFilter.HeaderName, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        var response = await client.SendAsync(request, ct);
        response.ShouldCarryEdgeHeaders(string.Create(CultureInfo.InvariantCulture, $"a scrape from {peer}"), noStore: true);
        return response.StatusCode;
    }
}
