using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// <c>Cors:AllowedOrigins</c>: a listed origin is echoed (with <c>Vary: Origin</c> and the exposed headers), its preflight
/// answered 204 before authentication; any other origin gets no <c>Access-Control-*</c> header at all; <c>*</c> allows
/// every origin without credentials; credentials only in cookie mode.
/// </summary>
public sealed class CorsTests(ApiFixture api, CorsTests.ListedOriginApi listed) : IClassFixture<CorsTests.ListedOriginApi>
{
    private const string AppOrigin = "https://app.example.com";

    private readonly ApiFixture _api = api;
    private readonly ListedOriginApi _listed = listed;

    public static TheoryData<string> OtherOrigins() => new()
    {
        "null",
        "http://app.example.com",               // another scheme
        "https://app.example.com:8443",         // another port
        "https://api.app.example.com",          // a subdomain
        "https://example.com",                  // the parent domain
        "https://app.example.com.evil.com",     // a look-alike suffix
        "https://evilapp.example.com",          // a look-alike prefix
        "https://app.example.co",               // a look-alike prefix of the name
        "https://app.example.com/",             // not serialized as browsers do
        "HTTPS://APP.EXAMPLE.COM",
        "https://app.example.com, https://evil.com",
    };

    [Fact]
    public async Task ListedOrigin_ShouldBeEchoedWithVaryAndTheExposedHeadersOnEveryAnswer()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _listed.Api.CreateClient();

        foreach (var (path, status) in new[] { ("/health", HttpStatusCode.OK), ("/api/v1/users/me", HttpStatusCode.Unauthorized), ("/api/v1/no-such-route", HttpStatusCode.NotFound) })
        {
            var response = await SendAsync(client, HttpMethod.Get, path, AppOrigin, ct);

            response.StatusCode.Should().Be(status, path);
            response.HeaderValue("Access-Control-Allow-Origin").Should().Be(AppOrigin, path);
            response.Values("Vary").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)).Should().Contain("Origin", path);
            response.HeaderValue("Access-Control-Expose-Headers").Should().Be("X-Request-ID,Retry-After", path);
            response.Values("Access-Control-Allow-Credentials").Should().BeEmpty("credentials only in cookie mode");
            response.ShouldCarryEdgeHeaders("a CORS answer", noStore: true);
        }
    }

    [Fact]
    public async Task ListedOrigin_Preflight_ShouldAnswer204BeforeAuthenticationWithThePolicy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await StartAsync(new() { ["Cors:AllowedOrigins:0"] = AppOrigin, ["Cors:AllowedOrigins:1"] = "http://localhost:3000" });
        var client = isolated.CreateClient();

        foreach (var (path, method) in new[] { ("/api/v1/users/me", "GET"), ("/api/v1/users/me", "PUT"), ("/api/v1/auth/login", "POST"), ("/api/v1/admin/users/" + Guid.NewGuid(), "DELETE") })
        {
            var preflight = await PreflightAsync(client, path, AppOrigin, method, "authorization,content-type,x-request-id,x-csrf,traceparent", ct);

            preflight.StatusCode.Should().Be(HttpStatusCode.NoContent, path);
            preflight.HeaderValue("Access-Control-Allow-Origin").Should().Be(AppOrigin);
            preflight.HeaderValue("Access-Control-Allow-Methods").Should().Be("GET,POST,PUT,DELETE");
            preflight.HeaderValue("Access-Control-Allow-Headers").Should().Be("Authorization,Content-Type,X-Request-ID,X-CSRF,traceparent");
            preflight.HeaderValue("Access-Control-Max-Age").Should().Be("600");
            preflight.Values("Vary").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)).Should().Contain("Origin");
            preflight.Values("Access-Control-Allow-Credentials").Should().BeEmpty();
            preflight.Values("WWW-Authenticate").Should().BeEmpty("a preflight is answered before authentication");
            preflight.ShouldCarryEdgeHeaders("a preflight", noStore: true);
        }

        var second = await PreflightAsync(client, "/api/v1/auth/login", "http://localhost:3000", "POST", "content-type", ct);
        second.HeaderValue("Access-Control-Allow-Origin").Should().Be("http://localhost:3000", "every listed origin is allowed");
    }

    [Theory]
    [MemberData(nameof(OtherOrigins))]
    public async Task OtherOrigin_ShouldGetNoCorsHeaderAndItsPreflightStill204(string origin)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _listed.Api.CreateClient();

        var preflight = await PreflightAsync(client, "/api/v1/auth/login", origin, "POST", "content-type", ct);
        var actual = await SendAsync(client, HttpMethod.Get, "/api/v1/users/me", origin, ct);

        preflight.StatusCode.Should().Be(HttpStatusCode.NoContent);
        AccessControlHeaders(preflight).Should().BeEmpty(origin);
        preflight.ShouldCarryEdgeHeaders("a refused preflight", noStore: true);
        actual.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        AccessControlHeaders(actual).Should().BeEmpty(origin);
    }

    [Fact]
    public async Task CookieMode_ShouldAllowCredentialsForListedOriginsOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await StartAsync(new() { ["Cors:AllowedOrigins:0"] = AppOrigin, ["Auth:RefreshTokenCookie:Enabled"] = "true" });
        var client = isolated.CreateClient();

        var preflight = await PreflightAsync(client, "/api/v1/auth/refresh", AppOrigin, "POST", "content-type,x-csrf", ct);
        var actual = await SendAsync(client, HttpMethod.Get, "/api/v1/users/me", AppOrigin, ct);
        var stranger = await PreflightAsync(client, "/api/v1/auth/refresh", "https://evil.example", "POST", "content-type,x-csrf", ct);

        preflight.StatusCode.Should().Be(HttpStatusCode.NoContent);
        preflight.HeaderValue("Access-Control-Allow-Origin").Should().Be(AppOrigin);
        preflight.HeaderValue("Access-Control-Allow-Credentials").Should().Be("true");
        actual.HeaderValue("Access-Control-Allow-Origin").Should().Be(AppOrigin);
        actual.HeaderValue("Access-Control-Allow-Credentials").Should().Be("true");
        stranger.StatusCode.Should().Be(HttpStatusCode.NoContent);
        AccessControlHeaders(stranger).Should().BeEmpty();
    }

    [Fact]
    public async Task AnyOrigin_ShouldAllowEveryOriginWithoutCredentials()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await StartAsync(new() { ["Cors:AllowedOrigins:0"] = "*" });
        var client = isolated.CreateClient();

        foreach (var origin in new[] { AppOrigin, "https://anyone.example:8443", "null" })
        {
            var preflight = await PreflightAsync(client, "/api/v1/auth/login", origin, "POST", "content-type", ct);
            var actual = await SendAsync(client, HttpMethod.Get, "/health", origin, ct);

            preflight.StatusCode.Should().Be(HttpStatusCode.NoContent, origin);
            preflight.HeaderValue("Access-Control-Allow-Origin").Should().Be("*", origin);
            preflight.HeaderValue("Access-Control-Allow-Methods").Should().Be("GET,POST,PUT,DELETE");
            preflight.HeaderValue("Access-Control-Max-Age").Should().Be("600");
            actual.HeaderValue("Access-Control-Allow-Origin").Should().Be("*", origin);
            actual.HeaderValue("Access-Control-Expose-Headers").Should().Be("X-Request-ID,Retry-After");
            actual.Values("Access-Control-Allow-Credentials").Should().BeEmpty(origin);
        }
    }

    [Fact]
    public async Task NoOriginListed_ShouldSendNoCorsHeaderAtAll()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _api.CreateClient();

        var preflight = await PreflightAsync(client, "/api/v1/auth/login", AppOrigin, "POST", "content-type", ct);
        var actual = await SendAsync(client, HttpMethod.Get, "/health", AppOrigin, ct);

        preflight.StatusCode.Should().Be(HttpStatusCode.NoContent, "a preflight answers 204 whichever origin asks");
        AccessControlHeaders(preflight).Should().BeEmpty();
        preflight.ShouldCarryEdgeHeaders("an OPTIONS request without CORS", noStore: true);
        AccessControlHeaders(actual).Should().BeEmpty();
        actual.Values("Vary").Should().NotContain(v => v.Contains("Origin", StringComparison.Ordinal));
    }

    /// <summary>One host listing <see cref="AppOrigin"/>, for the many refused origins.</summary>
    public sealed class ListedOriginApi : IAsyncLifetime
    {
        public IsolatedApi Api { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Api = await StartAsync(new() { ["Cors:AllowedOrigins:0"] = AppOrigin });

        public ValueTask DisposeAsync() => Api.DisposeAsync();
    }

    private static Task<IsolatedApi> StartAsync(Dictionary<string, string?> settings) => ApiFixture.StartIsolatedAsync(settings);

    private static string[] AccessControlHeaders(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers).Select(h => h.Key).Where(k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase))];

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string origin, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Origin", origin).Should().BeTrue();
        return await client.SendAsync(request, ct);
    }

    private static async Task<HttpResponseMessage> PreflightAsync(HttpClient client, string path, string origin, string method, string headers, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.TryAddWithoutValidation("Origin", origin).Should().BeTrue();
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return await client.SendAsync(request, ct);
    }
}
