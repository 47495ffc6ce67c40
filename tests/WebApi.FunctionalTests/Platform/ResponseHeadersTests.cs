using System.Net;
using System.Text;
using CleanAuth.Domain.Users;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NSubstitute;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>Every response, whatever answered it, carries the security headers, a request id and (API, health) no-store.</summary>
public sealed class ResponseHeadersTests(ApiFixture api)
{
    private readonly ApiFixture _api = api;

    [Fact]
    public async Task EveryResponseClass_ShouldCarryTheSecurityHeadersAndNoStoreUnderApi()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _api.CreateClient();
        var user = ApiClientExtensions.NewUser();
        var registered = await client.RegisterAsync(user, ct);
        var tokens = await client.LoginTokensAsync(user, ct);
        var throttledUser = await client.RegisterNewUserAsync(ct);
        for (var i = 0; i < 5; i++)
        {
            (await client.LoginAsync(throttledUser with { Password = "wrong-" + throttledUser.Password }, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var answers = new (HttpStatusCode Status, HttpResponseMessage Response)[]
        {
            (HttpStatusCode.OK, await client.GetMeAsync(tokens.AccessToken, ct)),
            (HttpStatusCode.OK, await client.LoginAsync(user, ct)),
            (HttpStatusCode.Created, registered),
            (HttpStatusCode.Accepted, await client.RequestPasswordResetAsync(user.Email, ct)),
            (HttpStatusCode.BadRequest, await client.PostAsync("/api/v1/auth/login", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"), ct)),
            (HttpStatusCode.Unauthorized, await client.GetAsync("/api/v1/users/me", ct)),
            (HttpStatusCode.Forbidden, await client.SendAuthorizedAsync(HttpMethod.Get, "/api/v1/admin/users", tokens.AccessToken, cancellationToken: ct)),
            (HttpStatusCode.NotFound, await client.GetAsync("/api/v1/no-such-route", ct)),
            (HttpStatusCode.MethodNotAllowed, await client.DeleteAsync("/api/v1/auth/login", ct)),
            (HttpStatusCode.RequestEntityTooLarge, await client.PostJsonAsync("/api/v1/auth/login", new { email = "a@example.com", password = new string('p', 2 * 1024 * 1024) }, ct)),
            (HttpStatusCode.UnsupportedMediaType, await client.PostAsync("/api/v1/auth/register", new StringContent("email=a", Encoding.UTF8, "text/plain"), ct)),
            (HttpStatusCode.UnprocessableEntity, await client.PostJsonAsync("/api/v1/auth/register", new { email = "not-an-email", username = "x", password = "short" }, ct)),
            (HttpStatusCode.TooManyRequests, await client.LoginAsync(throttledUser, ct)),
            (HttpStatusCode.NoContent, await client.LogoutAsync(tokens.AccessToken, cancellationToken: ct)),
        };

        foreach (var (status, response) in answers)
        {
            response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync(ct));
            response.ShouldCarryEdgeHeaders("an API answer", noStore: true);
            response.Values("Strict-Transport-Security").Should().BeEmpty("plain HTTP never gets HSTS");
        }
    }

    [Fact]
    public async Task HealthDocsAndUnknownRoutes_ShouldCarryTheSecurityHeaders()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _api.CreateClient();

        var health = await client.GetAsync("/health", ct);
        var ready = await client.GetAsync("/health/ready", ct);
        var document = await client.GetAsync("/openapi/v1.json", ct);
        var unknown = await client.GetAsync("/no-such-page", ct);

        health.StatusCode.Should().Be(HttpStatusCode.OK);
        health.ShouldCarryEdgeHeaders("liveness", noStore: true);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.ShouldCarryEdgeHeaders("readiness", noStore: true);
        document.StatusCode.Should().Be(HttpStatusCode.OK);
        document.ShouldCarryEdgeHeaders("the OpenAPI document (JSON, fetched by the UI)", noStore: false);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.ShouldCarryEdgeHeaders("a 404 outside the API", noStore: false);
    }

    [Fact]
    public async Task SwaggerUi_ShouldGetAPolicyThatLetsItLoadItsOwnAssetsAndCallTheApi()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _api.CreateClient();

        var page = await client.GetAsync("/docs/index.html", ct);
        var html = await page.Content.ReadAsStringAsync(ct);

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.ShouldCarryEdgeHeaders("the Swagger UI page", noStore: false, docs: true);
        html.Should().NotContain("<script>", "inline scripts would need 'unsafe-inline'").And.NotContain("style=\"").And.NotContain("<style");

        // Every asset the page names is its own (same origin, under /docs) and served: 'self' covers each of them.
        var assets = System.Text.RegularExpressions.Regex.Matches(html, "(?:src|href)=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        assets.Should().Contain(a => a.EndsWith(".js", StringComparison.Ordinal)).And.Contain(a => a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var url = new Uri(new Uri(client.BaseAddress!, "/docs/index.html"), asset);
            url.Authority.Should().Be(client.BaseAddress!.Authority, asset);
            var response = await client.GetAsync(url, ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK, asset);
            response.ShouldCarryEdgeHeaders("a Swagger UI asset", noStore: false, docs: true);
        }

        // The document the UI fetches is same-origin too (connect-src 'self'), and the UI's inline SVG images are data: URIs.
        var script = await client.GetStringAsync("/docs/index.js", ct);
        script.Should().Contain("\"url\":\"/openapi/v1.json\"");
        var css = await client.GetStringAsync("/docs/swagger-ui.css", ct);
        css.Should().Contain("url(\"data:image/svg+xml", "img-src allows data: for these");
        ApiResponseHeadersMiddleware.DocsContentSecurityPolicy.Should().Contain("img-src 'self' data:").And.Contain("connect-src 'self'")
            .And.Contain("script-src 'self'").And.NotContain("unsafe-inline").And.NotContain("unsafe-eval");
    }

    [Fact]
    public async Task Hsts_OutsideDevelopment_ShouldBeSentOnHttpsRequestsOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var https = _api.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var http = _api.CreateClient();

        foreach (var path in new[] { "/health", "/api/v1/users/me", "/api/v1/no-such-route", "/docs/index.html" })
        {
            (await https.GetAsync(path, ct)).Values("Strict-Transport-Security").Should().Equal([ApiResponseHeadersMiddleware.StrictTransportSecurity], path);
            (await http.GetAsync(path, ct)).Values("Strict-Transport-Security").Should().BeEmpty(path);
        }
    }

    [Fact]
    public async Task Hsts_InDevelopment_ShouldNeverBeSent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync();
        await using var development = isolated.Factory.WithWebHostBuilder(b => b.UseEnvironment(Environments.Development));
        var https = development.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        var response = await https.GetAsync("/health", ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.ShouldCarryEdgeHeaders("Development", noStore: true);
        response.Values("Strict-Transport-Security").Should().BeEmpty();
    }

    [Fact]
    public async Task UnexpectedFailure_ShouldKeepTheHeadersTheExceptionHandlerClears()
    {
        var ct = TestContext.Current.CancellationToken;
        var broken = Substitute.For<IUserRepository>();
        broken.FindByNormalizedEmailAsync(default!, ct).ReturnsForAnyArgs<Task<User?>>(_ => throw new InvalidOperationException("boom"));
        await using var isolated = await ApiFixture.StartIsolatedAsync(configureServices: s => s.AddScoped(_ => broken));
        var https = isolated.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        var response = await https.PostJsonAsync("/api/v1/auth/login", new { email = "a@example.com", password = "whatever-password" }, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError, "INTERNAL_ERROR", ct);
        response.ShouldCarryEdgeHeaders("a 500", noStore: true);
        response.Values("Strict-Transport-Security").Should().Equal(ApiResponseHeadersMiddleware.StrictTransportSecurity);
    }

    [Fact]
    public async Task DatabaseOutage_ShouldAnswer503WithTheHeaders()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresTestServer.CreateDatabaseAsync(ct);
        var real = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpOutageProxy(real.Host!, real.Port);
        var proxied = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;
        await using var factory = new CleanAuthApiFactory(proxied);
        var client = factory.CreateClient();
        var user = await client.RegisterNewUserAsync(ct);

        proxy.Stop();
        var login = await client.LoginAsync(user, ct);
        var ready = await client.GetAsync("/health/ready", ct);

        await login.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE", ct);
        login.ShouldCarryEdgeHeaders("a 503 while the database is down", noStore: true);
        login.Headers.RetryAfter.Should().NotBeNull();
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        ready.ShouldCarryEdgeHeaders("readiness while the database is down", noStore: true);
    }

    [Fact]
    public async Task Kestrel_ShouldSendNoServerHeaderAndTheSecurityHeadersOverPlainHttpWithoutHsts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await RunningApp.StartAsync(ct);

        foreach (var path in new[] { "/health", "/api/v1/users/me", "/api/v1/no-such-route" })
        {
            var response = await app.Client.GetAsync(path, ct);

            response.ShouldCarryEdgeHeaders("Kestrel", noStore: true);
            response.Values("Strict-Transport-Security").Should().BeEmpty("plain HTTP never gets HSTS (RFC 6797)");
        }
    }
}
