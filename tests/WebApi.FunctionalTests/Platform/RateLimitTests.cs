using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CleanAuth.Application.Common.Metrics;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Npgsql;
using Serilog.Events;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// <c>RateLimiting</c>: per client address and minute, a global budget over every route and, on top of it, one per auth
/// route and one for refresh. Every request counts whatever its outcome; N + 1 requests at once in a fresh minute get N
/// answers and one 429 <c>RATE_LIMITED</c> with <c>Retry-After</c> (the wait until the client is served again), the edge
/// headers and the CORS headers, decided before authentication or the database. Health, metrics and preflights are never
/// limited. The shared test host's limits are out of reach (<see cref="CleanAuthApiFactory.UnreachedRateLimit"/>); these
/// tests start hosts with small ones, whose requests come from a peer address each request may name.
/// </summary>
public sealed class RateLimitTests
{
    private const string Peer = "192.0.2.10";
    private const string AppOrigin = "https://app.example.com";
    private static readonly TimeSpan s_logTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The auth routes, each with a request an anonymous client may send and the answer it gets while under its limit.</summary>
    public static readonly (string Path, Func<HttpContent> Body, HttpStatusCode Answer)[] AuthRoutes =
    [
        ("/api/v1/auth/register", () => Json(NewUserBody()), HttpStatusCode.Created),
        ("/api/v1/auth/login", () => Json(new { email = Unknown(), password = "not-the-password-of-anyone" }), HttpStatusCode.Unauthorized),
        ("/api/v1/auth/login-form", () => new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = Unknown(), ["password"] = "not-the-password-of-anyone" }), HttpStatusCode.Unauthorized),
        ("/api/v1/auth/password-reset-request", () => Json(new { email = Unknown() }), HttpStatusCode.Accepted),
        ("/api/v1/auth/password-reset-confirm", () => Json(new { token = "no-such-token", new_password = ApiClientExtensions.NewPassword() }), HttpStatusCode.BadRequest),
        ("/api/v1/auth/email-verification-request", () => Json(new { }), HttpStatusCode.Unauthorized),
        ("/api/v1/auth/email-verification-confirm", () => Json(new { token = "no-such-token" }), HttpStatusCode.BadRequest),
    ];

    [Fact]
    public async Task Global_WhenNPlusOneRequestsToAnyRoutesArriveAtOnce_ShouldAnswerNAndRefuseOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await StartAsync(perMinute: 6, authPerMinute: 100, refreshPerMinute: 100);
        var client = api.CreateClient();
        Func<HttpRequestMessage>[] requests =
        [
            () => Get("/api/v1/users/me"),
            () => Get("/api/v1/no-such-route"),
            () => Post("/api/v1/auth/login", Json(new { email = Unknown(), password = "not-the-password-of-anyone" })),
            () => Post("/api/v1/auth/refresh", Json(new { refresh_token = "no-such-token" })),
            () => Post("/api/v1/auth/login", Json(new { email = "not-an-email" })),
            () => Get("/api/v1/users/me"),
            () => Post("/api/v1/auth/refresh", Json(new { refresh_token = "no-such-token" })),
        ];

        var answers = await SendAtOnceAsync(client, requests, ct);

        answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests).Should().Be(1, "6 requests a minute over all routes: 7 at once get 6 answers (401, 404, 422, …) and one refusal");
        var refusal = await answers.Single(a => a.StatusCode == HttpStatusCode.TooManyRequests).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED", ct);
        (await RefusingPolicyAsync(api, refusal, ct)).Should().Be(RateLimits.Global);
        (await client.SendAsync(Post("/api/v1/auth/register", Json(NewUserBody())), ct)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "any other route shares the budget");
    }

    [Fact]
    public async Task Auth_WhenNPlusOneRequestsToOneAuthRouteArriveAtOnce_ShouldAnswerNAndRefuseOne_OnEachRoute()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await StartAsync(perMinute: 100, authPerMinute: 3, refreshPerMinute: 100);
        var client = api.CreateClient();

        foreach (var (path, body, answer) in AuthRoutes)
        {
            var answers = await SendAtOnceAsync(client, [.. Enumerable.Repeat(() => Post(path, body()), 4)], ct);

            answers.Where(a => a.StatusCode != HttpStatusCode.TooManyRequests).Select(a => a.StatusCode).Should()
                .Equal([answer, answer, answer], $"{path}: 3 requests a minute per client and route, whatever their outcome");
            var refusal = await answers.Single(a => a.StatusCode == HttpStatusCode.TooManyRequests).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED", ct);
            (await RefusingPolicyAsync(api, refusal, ct)).Should().Be(RateLimits.Auth, path);
        }

        (await client.SendAsync(Get("/api/v1/users/me"), ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "other routes are not auth routes");
        (await client.SendAsync(Post("/api/v1/auth/refresh", Json(new { refresh_token = "no-such-token" })), ct)).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "refresh has a budget of its own");
    }

    [Fact]
    public async Task Refresh_WhenNPlusOneRequestsArriveAtOnce_ShouldAnswerNAndRefuseOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await StartAsync(perMinute: 100, authPerMinute: 100, refreshPerMinute: 4);
        var client = api.CreateClient();
        var (_, tokens) = await client.RegisterAndLoginAsync(ct);

        var answers = await SendAtOnceAsync(client,
        [
            () => Post("/api/v1/auth/refresh", Json(new { refresh_token = tokens.RefreshToken })),
            .. Enumerable.Repeat(() => Post("/api/v1/auth/refresh", Json(new { refresh_token = "no-such-token" })), 4),
        ], ct);

        answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests).Should().Be(1, "4 refreshes a minute: 5 at once get 4 answers and one refusal");
        answers.Where(a => a.StatusCode != HttpStatusCode.TooManyRequests).Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.Unauthorized);
        var refusal = await answers.Single(a => a.StatusCode == HttpStatusCode.TooManyRequests).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED", ct);
        (await RefusingPolicyAsync(api, refusal, ct)).Should().Be(RateLimits.Refresh);
        (await client.SendAsync(Post("/api/v1/auth/login", Json(new { email = Unknown(), password = "not-the-password-of-anyone" })), ct)).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "login has a budget of its own");
    }

    [Fact]
    public async Task AuthRoutes_ShouldAlsoCountAgainstTheGlobalBudget()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await StartAsync(perMinute: 4, authPerMinute: 100, refreshPerMinute: 100);
        var client = api.CreateClient();

        for (var i = 0; i < 4; i++)
        {
            (await client.SendAsync(Post("/api/v1/auth/login", Json(new { email = Unknown(), password = "not-the-password-of-anyone" })), ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var refusal = await (await client.SendAsync(Post("/api/v1/auth/login", Json(new { email = Unknown(), password = "not-the-password-of-anyone" })), ct))
            .ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED", ct);
        (await RefusingPolicyAsync(api, refusal, ct)).Should().Be(RateLimits.Global, "the route's own budget is far from spent");
        (await client.SendAsync(Get("/api/v1/users/me"), ct)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Refusal_ShouldBeTheProblemWithRetryAfterTheEdgeHeadersAndTheCorsHeaders()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await StartAsync(perMinute: 100, authPerMinute: 1, refreshPerMinute: 100, new() { ["Cors:AllowedOrigins:0"] = AppOrigin });
        var client = api.CreateClient();
        (await client.SendAsync(Login(), ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var login = Login();
        login.Headers.TryAddWithoutValidation("Origin", AppOrigin).Should().BeTrue();
        var refused = await client.SendAsync(login, ct);

        var body = await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED", ct);
        body.GetProperty("title").GetString().Should().Contain("Retry-After");
        body.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["title", "status", "code", "trace_id"], "nothing else: no client address, no limit");
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        refused.ShouldCarryEdgeHeaders("a 429", noStore: true);
        refused.HeaderValue("Access-Control-Allow-Origin").Should().Be(AppOrigin, "a page must be able to read the refusal");
        refused.HeaderValue("Access-Control-Expose-Headers").Should().Contain("Retry-After");

        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/auth/login");
        preflight.Headers.Add(PeerAddressStartupFilter.HeaderName, Peer);
        preflight.Headers.TryAddWithoutValidation("Origin", AppOrigin).Should().BeTrue();
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        (await client.SendAsync(preflight, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent, "a preflight is answered even when the route's budget is spent");
    }

    [Fact]
    public async Task RetryAfter_ShouldBeTheWholeSecondsUntilTheClientIsServedAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new StoppedClock();
        await using var api = await StartAsync(perMinute: 100, authPerMinute: 2, refreshPerMinute: 100, clock: clock);
        var client = api.CreateClient();

        (await client.SendAsync(Login(), ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the first request opens the window");
        clock.Advance(TimeSpan.FromSeconds(0.2));
        (await client.SendAsync(Login(), ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await RetryAfterAsync(client, ct)).Should().Be(60, "refused 0.2 s after the window opened: 59.8 s, rounded up");

        clock.Advance(TimeSpan.FromSeconds(44.8));
        (await RetryAfterAsync(client, ct)).Should().Be(15, "45 seconds after the window opened, a quarter of the minute is left");

        clock.Advance(TimeSpan.FromSeconds(14.5));
        (await RetryAfterAsync(client, ct)).Should().Be(1, "under a second left still says one");

        clock.Advance(TimeSpan.FromSeconds(0.5));
        (await client.SendAsync(Login(), ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "served again when Retry-After has passed");
        (await client.SendAsync(Login(), ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "with a whole new budget");
        (await RetryAfterAsync(client, ct)).Should().Be(60);
    }

    [Fact]
    public async Task HealthMetricsAndPreflights_ShouldNeverBeLimitedNorCount()
    {
        var ct = TestContext.Current.CancellationToken;
        const string metricsToken = "a-metrics-bearer-token-of-32-chars-or-more";
        await using var api = await StartAsync(
            perMinute: 2, authPerMinute: 1, refreshPerMinute: 1,
            new Dictionary<string, string?> { ["Metrics:Enabled"] = "true", ["Metrics:BearerToken"] = metricsToken });
        var client = api.CreateClient();
        // This host's own meter, not the scrape: in-process hosts' exporters listen to the meter by name, so one host's
        // scrape may count (or, once another host's meter is gone, drop) another's refusals. MetricsScrapeTests checks
        // the exposition, in a process of its own.
        using var refusals = new MetricCollector<long>(
            api.Factory.Services.GetRequiredService<IMeterFactory>(), CleanAuthMetrics.MeterName, "cleanauth.rate_limited_requests");

        for (var i = 0; i < 5; i++)
        {
            (await client.SendAsync(Get("/health"), ct)).StatusCode.Should().Be(HttpStatusCode.OK);
            (await client.SendAsync(Get("/health/ready"), ct)).StatusCode.Should().Be(HttpStatusCode.OK);
            var scrape = Get("/metrics");
            scrape.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", metricsToken);
            (await client.SendAsync(scrape, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
            var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/auth/login");
            preflight.Headers.Add(PeerAddressStartupFilter.HeaderName, Peer);
            preflight.Headers.TryAddWithoutValidation("Origin", AppOrigin).Should().BeTrue();
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            (await client.SendAsync(preflight, ct)).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests, "a preflight (here with no CORS origin listed)");
        }

        (await client.SendAsync(Login(), ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "none of those counted");
        (await client.SendAsync(Get("/api/v1/users/me"), ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.SendAsync(Get("/api/v1/users/me"), ct)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await client.SendAsync(Get("/health"), ct)).StatusCode.Should().Be(HttpStatusCode.OK, "still served once the budget is spent");
        (await client.SendAsync(Get("/health/ready"), ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        var scrapeAfter = Get("/metrics");
        scrapeAfter.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", metricsToken);
        (await client.SendAsync(scrapeAfter, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "scrapes are served once the budget is spent too");

        var counted = refusals.GetMeasurementSnapshot();
        counted.Should().ContainSingle("one refusal, and health, scrapes and preflights counted none");
        counted[0].Value.Should().Be(1);
        counted[0].Tags.Should().Contain(new KeyValuePair<string, object?>("policy", "global"), "the refusal is counted under its policy");
    }

    [Fact]
    public async Task WithoutAPeerAddress_HealthShouldStayUnlimitedAndTheApiLimited()
    {
        // The in-memory server, like a Unix socket, knows no client address: those requests share one budget, which must
        // not be mistaken for the unlimited partition of health (or the other way round) whichever comes first.
        var ct = TestContext.Current.CancellationToken;
        await using var api = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?> { ["RateLimiting:PerMinute"] = "2" });
        var client = api.CreateClient();

        (await client.GetAsync("/health", ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/users/me", ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/v1/users/me", ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/api/v1/users/me", ct)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED", ct);
        (await client.GetAsync("/health", ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Budgets_ShouldBePerClientAddress_BelievingForwardingHeadersFromTrustedProxiesOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await StartAsync(perMinute: 100, authPerMinute: 1, refreshPerMinute: 100, new() { ["Network:TrustedProxies:0"] = "10.0.0.0/8" });
        var client = api.CreateClient();

        (await LoginStatusAsync(client, "198.51.100.1", null, ct)).Should().Be(HttpStatusCode.Unauthorized);
        (await LoginStatusAsync(client, "198.51.100.1", null, ct)).Should().Be(HttpStatusCode.TooManyRequests);
        (await LoginStatusAsync(client, "198.51.100.2", null, ct)).Should().Be(HttpStatusCode.Unauthorized, "another address has a budget of its own");
        (await LoginStatusAsync(client, "2001:db8::1", null, ct)).Should().Be(HttpStatusCode.Unauthorized);
        (await LoginStatusAsync(client, "::ffff:198.51.100.1", null, ct)).Should().Be(HttpStatusCode.TooManyRequests, "the same IPv4 client through a dual-stack socket");
        (await LoginStatusAsync(client, "198.51.100.1", "203.0.113.50", ct)).Should().Be(HttpStatusCode.TooManyRequests, "an untrusted peer's X-Forwarded-For buys no fresh budget");

        (await LoginStatusAsync(client, "10.0.0.1", "203.0.113.1", ct)).Should().Be(HttpStatusCode.Unauthorized, "behind a trusted proxy, the client counts");
        (await LoginStatusAsync(client, "10.0.0.2", "203.0.113.2", ct)).Should().Be(HttpStatusCode.Unauthorized, "and each client has its own budget");
        (await LoginStatusAsync(client, "10.0.0.3", "203.0.113.1", ct)).Should().Be(HttpStatusCode.TooManyRequests, "whichever proxy it comes through");
        (await LoginStatusAsync(client, "10.0.0.1", "6.6.6.6, 203.0.113.2", ct)).Should().Be(HttpStatusCode.TooManyRequests, "what the client itself puts in front changes nothing");
        (await LoginStatusAsync(client, "10.0.0.1", null, ct)).Should().Be(HttpStatusCode.Unauthorized, "the proxy's own requests are the proxy's");
    }

    [Fact]
    public async Task Refusal_WhileTheDatabaseIsDown_ShouldStillBeA429AtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresTestServer.CreateDatabaseAsync(ct);
        var real = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpOutageProxy(real.Host!, real.Port);
        var proxied = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;
        await using var factory = new CleanAuthApiFactory(proxied, new Dictionary<string, string?> { ["RateLimiting:AuthPerMinute"] = "1" });
        var client = factory.CreateClient();
        var user = await client.RegisterNewUserAsync(ct);

        proxy.Stop();
        (await client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the one login this minute, counted though it failed");
        var timer = Stopwatch.StartNew();
        var refused = await client.LoginAsync(user, ct);
        timer.Stop();

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED", ct);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        refused.ShouldCarryEdgeHeaders("a 429 while the database is down", noStore: true);
        timer.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "a refusal waits for nothing (generous: the machine may be loaded)");
    }

    [Fact]
    public async Task Disabled_ShouldNeverRefuse()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await StartAsync(perMinute: 1, authPerMinute: 1, refreshPerMinute: 1, new() { ["RateLimiting:Enabled"] = "false" });
        var client = api.CreateClient();

        var answers = await SendAtOnceAsync(client, [.. Enumerable.Repeat<Func<HttpRequestMessage>>(Login, 5)], ct);

        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OverKestrel_TheTcpPeerShouldBeTheClient()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await RunningApp.StartAsync(ct, settings: new Dictionary<string, string> { ["RateLimiting__AuthPerMinute"] = "2" });

        var answers = await SendAtOnceAsync(app.Client, [.. Enumerable.Repeat(() => Post("/api/v1/auth/login", Json(new { email = Unknown(), password = "not-the-password-of-anyone" })), 3)], ct);

        answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized).Should().Be(2);
        var refused = answers.Single(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED", ct);
        refused.ShouldCarryEdgeHeaders("a 429 from Kestrel", noStore: true);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
    }

    private static async Task<IsolatedApi> StartAsync(
        int perMinute, int authPerMinute, int refreshPerMinute, Dictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        settings ??= [];
        settings["RateLimiting:PerMinute"] = perMinute.ToString(CultureInfo.InvariantCulture);
        settings["RateLimiting:AuthPerMinute"] = authPerMinute.ToString(CultureInfo.InvariantCulture);
        settings["RateLimiting:RefreshPerMinute"] = refreshPerMinute.ToString(CultureInfo.InvariantCulture);
        return await ApiFixture.StartIsolatedAsync(settings, services =>
        {
            services.AddSingleton<IStartupFilter>(new PeerAddressStartupFilter(IPAddress.Parse(Peer)));
            if (clock is not null)
            {
                services.AddSingleton<TimeProvider>(clock);
            }
        });
    }

    /// <summary>Sends every request at the same moment (none waits for another's answer).</summary>
    private static async Task<HttpResponseMessage[]> SendAtOnceAsync(HttpClient client, Func<HttpRequestMessage>[] requests, CancellationToken ct)
    {
        using var start = new SemaphoreSlim(0, requests.Length);
        var sending = requests.Select(async request =>
        {
            using var message = request();
            await start.WaitAsync(ct);
            return await client.SendAsync(message, ct);
        }).ToArray();
        start.Release(requests.Length);
        return await Task.WhenAll(sending);
    }

    private static async Task<int> RetryAfterAsync(HttpClient client, CancellationToken ct)
    {
        var refused = await client.SendAsync(Login(), ct);
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED", ct);
        refused.Values("Retry-After").Should().ContainSingle().Which.Should().MatchRegex("^[0-9]+$", "whole seconds");
        return (int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
    }

    private static async Task<HttpStatusCode> LoginStatusAsync(HttpClient client, string peer, string? forwardedFor, CancellationToken ct)
    {
        using var login = Post("/api/v1/auth/login", Json(new { email = Unknown(), password = "not-the-password-of-anyone" }), peer);
        if (forwardedFor is not null)
        {
            login.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor).Should().BeTrue();
        }

        return (await client.SendAsync(login, ct)).StatusCode;
    }

    /// <summary>The policy the refusal's completion log line names (written as the pipeline unwinds).</summary>
    private static async Task<string?> RefusingPolicyAsync(IsolatedApi api, System.Text.Json.JsonElement refusal, CancellationToken ct)
    {
        var traceId = refusal.GetProperty("trace_id").GetString();
        var deadline = DateTime.UtcNow + s_logTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = api.Factory.Logs.LogEvents.FirstOrDefault(e => e.MessageTemplate.Text == RequestCompletionLog.MessageTemplate
                && e.Properties.TryGetValue("TraceId", out var id) && id is ScalarValue { Value: string text } && text == traceId);
            if (line is not null)
            {
                return line.Properties.TryGetValue(RateLimits.LogProperty, out var policy) && policy is ScalarValue { Value: string name } ? name : null;
            }

            await Task.Delay(50, ct);
        }

        throw new TimeoutException($"no completion line for trace id {traceId}");
    }

    private static HttpRequestMessage Login() => Post("/api/v1/auth/login", Json(new { email = Unknown(), password = "not-the-password-of-anyone" }));

    private static HttpRequestMessage Get(string path, string peer = Peer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(PeerAddressStartupFilter.HeaderName, peer);
        return request;
    }

    private static HttpRequestMessage Post(string path, HttpContent body, string peer = Peer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.Add(PeerAddressStartupFilter.HeaderName, peer);
        return request;
    }

    private static JsonContent Json(object body) => JsonContent.Create(body, options: ApiClientExtensions.Json);

    private static object NewUserBody()
    {
        var user = ApiClientExtensions.NewUser();
        return new { email = user.Email, username = user.Username, password = user.Password };
    }

    private static string Unknown() => $"nobody-{Guid.NewGuid():N}@example.com";
}
