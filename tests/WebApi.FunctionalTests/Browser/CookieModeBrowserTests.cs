using System.Globalization;
using System.Net;
using System.Text.Json;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.Playwright;

namespace CleanAuth.WebApi.FunctionalTests.Browser;

/// <summary>
/// Browser cookie mode in a real browser: headless Chromium (Debian's, driven by Playwright) on a page that the test
/// serves on another loopback port, calling the API as a process on Kestrel over plain HTTP. <c>http://127.0.0.1:PAGE</c>
/// and <c>http://127.0.0.1:API</c> are one site (ports do not count) and the page's origin is listed, so the page logs
/// in, survives a reload by refreshing through the cookie, and logs out. <c>http://localhost:PAGE</c> is another site:
/// its page can refresh neither with CORS (its origin is not listed) nor with a simple request (the SameSite=Strict
/// cookie stays home). The Secure <c>__Host-</c> cookie is accepted over HTTP because Chromium trusts loopback origins.
/// </summary>
public sealed class CookieModeBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task BrowserApp_InCookieMode_ShouldLogInSurviveAReloadRefreshThroughTheCookieAndLogOut_WhileAnotherSiteCannotRefresh()
    {
        var ct = TestContext.Current.CancellationToken;
        using var playwright = await Playwright.CreateAsync();
        var launching = playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] }); // while the API starts
        var apiPort = 0; // the page names the API, which lists the page's origin: the page is made when first asked for
        await using var pages = await PageServer.StartAsync(() => Page(apiPort), ct);
        var appOrigin = $"http://127.0.0.1:{pages.Port.ToString(CultureInfo.InvariantCulture)}";
        await using var app = await RunningApp.StartAsync(ct, settings: new Dictionary<string, string>
        {
            ["Auth__RefreshTokenCookie__Enabled"] = "true",
            ["Cors__AllowedOrigins__0"] = appOrigin,
        });
        apiPort = app.Port;
        var apiUrl = $"http://127.0.0.1:{apiPort.ToString(CultureInfo.InvariantCulture)}";
        var registering = app.Client.RegisterNewUserAsync(ct);
        await using var browser = await launching;
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(appOrigin + "/");
        var user = await registering;

        // Log in: the body has the access token only; the refresh token is an HttpOnly cookie the page cannot read.
        var browserClockBefore = await BrowserNowAsync(page);
        var loginResponse = page.WaitForResponseAsync(r => r.Url.EndsWith("/auth/login", StringComparison.Ordinal));
        var login = await CallAsync(page, $"login({JsonSerializer.Serialize(user.Email)}, {JsonSerializer.Serialize(user.Password)})");
        var browserClockAfter = await BrowserNowAsync(page);
        login.Status.Should().Be(200, login.Text);
        (await (await loginResponse).HeaderValueAsync("set-cookie")).Should().Contain("max-age=604800", "Max-Age: the session's idle timeout (7 days)");
        login.Body.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["access_token", "token_type", "expires_in"]);
        var cookie = await RefreshCookieAsync(context, apiUrl);
        cookie.Should().NotBeNull("Chromium keeps the Secure __Host- cookie set by http://127.0.0.1 (a trustworthy origin)");
        cookie!.Value.Should().MatchRegex("^[A-Za-z0-9_-]{43}$");
        cookie.HttpOnly.Should().BeTrue();
        cookie.Secure.Should().BeTrue();
        cookie.SameSite.Should().Be(SameSiteAttribute.Strict);
        cookie.Path.Should().Be("/");
        cookie.Domain.Should().Be("127.0.0.1", "host-only: no Domain attribute");
        // Playwright gives the expiry as a float (128 s apart at today's Unix times), so the window is compared in float too.
        cookie.Expires.Should().BeInRange(
            (float)browserClockBefore.AddDays(7).AddSeconds(-1).ToUnixTimeSeconds(),
            (float)browserClockAfter.AddDays(7).AddSeconds(1).ToUnixTimeSeconds(),
            "the browser keeps the cookie for its Max-Age, from when it arrived");
        (await context.CookiesAsync([apiUrl, appOrigin])).Select(c => c.Name).Should().Equal([RefreshTokenCookieOptions.CookieName], "the access token never goes in a cookie");
        (await page.EvaluateAsync<string>("document.cookie")).Should().NotContain(RefreshTokenCookieOptions.CookieName, "HttpOnly");

        // A reload forgets the access token; the cookie brings a new one.
        await page.ReloadAsync();
        (await page.EvaluateAsync<bool>("hasAccessToken()")).Should().BeFalse("the page keeps its access token in memory only");
        var refreshed = await CallAsync(page, "refresh()");
        refreshed.Status.Should().Be(200, refreshed.Text);
        refreshed.Body.TryGetProperty("refresh_token", out _).Should().BeFalse();
        var me = await CallAsync(page, "me()");
        me.Status.Should().Be(200, me.Text);
        me.Body.GetProperty("email").GetString().Should().Be(user.Email);
        var rotated = (await RefreshCookieAsync(context, apiUrl))!.Value;
        rotated.Should().NotBe(cookie.Value, "the refresh rotated the token in the cookie");

        // Another site (localhost is not 127.0.0.1) fails to refresh, and the cookie is left as it was.
        var refreshLines = RefreshLines(app).Count;
        var stranger = await context.NewPageAsync();
        await stranger.GotoAsync($"http://localhost:{pages.Port.ToString(CultureInfo.InvariantCulture)}/");
        var withCors = await CallAsync(stranger, "refresh()");
        withCors.Status.Should().Be(0, "CORS refuses the other site's origin, so the browser never sends the refresh: {0}", withCors.Text);
        var simple = await CallAsync(stranger, "simpleRefresh()");
        simple.Status.Should().Be(0, "a no-cors request's answer is opaque: {0}", simple.Text);
        var arrived = await WaitForRefreshLinesAsync(app, refreshLines + 1, ct);
        arrived.Skip(refreshLines).Should().Equal([401], "only the simple request reached the API, without the SameSite=Strict cookie (with it, it would be 403)");
        (await RefreshCookieAsync(context, apiUrl))!.Value.Should().Be(rotated, "nothing rotated or expired the cookie");

        // The app itself still refreshes, then logs out: the cookie is gone and refreshing fails.
        var again = await CallAsync(page, "refresh()");
        again.Status.Should().Be(200, again.Text);
        var logout = await CallAsync(page, "logout()");
        logout.Status.Should().Be(204, logout.Text);
        (await RefreshCookieAsync(context, apiUrl)).Should().BeNull("logout expired the cookie");
        var afterLogout = await CallAsync(page, "refresh()");
        afterLogout.Status.Should().Be(401, afterLogout.Text);
        afterLogout.Body.GetProperty("code").GetString().Should().Be("INVALID_TOKEN");
        (await app.Client.GetAsync("/health", ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>The browser app: its access token in memory, the API called with credentials, every answer as JSON text.</summary>
    private static string Page(int apiPort) => $$"""
        <!doctype html>
        <html><head><meta charset="utf-8"><title>CleanAuth cookie mode</title></head>
        <body>
        <script>
        const api = "http://127.0.0.1:{{apiPort}}/api/v1";
        let accessToken = null;
        async function call(path, init) {
          try {
            const response = await fetch(api + path, { method: "POST", credentials: "include", ...init });
            const text = await response.text();
            return JSON.stringify({ status: response.status, body: text ? JSON.parse(text) : null });
          } catch (e) {
            return JSON.stringify({ status: 0, error: String(e) });
          }
        }
        function keep(answer) {
          const parsed = JSON.parse(answer);
          if (parsed.status === 200 && parsed.body.access_token) accessToken = parsed.body.access_token;
          return answer;
        }
        function hasAccessToken() { return accessToken !== null; }
        async function login(email, password) {
          return keep(await call("/auth/login", { headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, password }) }));
        }
        async function refresh() { return keep(await call("/auth/refresh", { headers: { "X-CSRF": "1" } })); }
        async function simpleRefresh() { return call("/auth/refresh", { mode: "no-cors" }); }
        async function me() { return call("/users/me", { method: "GET", headers: { "Authorization": "Bearer " + accessToken } }); }
        async function logout() { return call("/auth/logout", { headers: { "Authorization": "Bearer " + accessToken } }); }
        </script>
        </body></html>
        """;

    private static async Task<PageAnswer> CallAsync(IPage page, string expression)
    {
        var text = await page.EvaluateAsync<string>(expression);
        var json = JsonDocument.Parse(text).RootElement;
        return new PageAnswer(json.GetProperty("status").GetInt32(), json.TryGetProperty("body", out var body) ? body : default, text);
    }

    private static async Task<DateTimeOffset> BrowserNowAsync(IPage page) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)await page.EvaluateAsync<double>("Date.now()"));

    private static async Task<BrowserContextCookiesResult?> RefreshCookieAsync(IBrowserContext context, string apiUrl) =>
        (await context.CookiesAsync([apiUrl])).SingleOrDefault(c => c.Name == RefreshTokenCookieOptions.CookieName);

    /// <summary>The status of every POST to the refresh route the API has logged so far (its JSON completion lines).</summary>
    private static List<int> RefreshLines(RunningApp app) =>
        [.. app.StandardOutputLines
            .Where(l => l.StartsWith('{') && l.Contains("\"Route\":\"/api/v1/auth/refresh\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("RequestMethod", out var method) && method.GetString() == "POST" && e.TryGetProperty("StatusCode", out _))
            .Select(e => e.GetProperty("StatusCode").GetInt32())];

    private static async Task<List<int>> WaitForRefreshLinesAsync(RunningApp app, int count, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 100 && RefreshLines(app).Count < count; attempt++)
        {
            await Task.Delay(100, ct);
        }

        return RefreshLines(app);
    }

    private sealed record PageAnswer(int Status, JsonElement Body, string Text);
}
