using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using static CleanAuth.WebApi.FunctionalTests.Infrastructure.RefreshTokenCookies;

namespace CleanAuth.WebApi.FunctionalTests.Auth;

/// <summary>
/// Browser cookie mode (<c>Auth:RefreshTokenCookie:Enabled</c>) over HTTP, every cookie and header set by hand: login,
/// login-form and refresh answer with the <c>__Host-refresh_token</c> cookie instead of a body token; refresh takes the
/// cookie only with the CSRF proof (403 <c>CSRF_CHECK_FAILED</c> otherwise, changing nothing); a body token works as
/// before; a refused cookie (401) and logout and logout-all expire the cookie. The host allows no reuse grace, so a refresh that had rotated a
/// token behind the test's back would end the session at the next use.
/// </summary>
public sealed class RefreshTokenCookieTests(RefreshTokenCookieTests.CookieModeApi cookieMode, ApiFixture api) : IClassFixture<RefreshTokenCookieTests.CookieModeApi>
{
    private static readonly TimeSpan s_defaultIdleTimeout = TimeSpan.FromDays(7);

    private readonly HttpClient _client = cookieMode.Api.Factory.CreateCookielessClient();

    public static TheoryData<string, string?, string?, string?> MissingProofs() => new()
    {
        { "no X-CSRF", AppOrigin, null, "same-site" },
        { "X-CSRF: 0", AppOrigin, "0", "same-site" },
        { "X-CSRF: true", AppOrigin, "true", "same-site" },
        { "X-CSRF twice", AppOrigin, "1, 1", "same-site" },
        { "no Origin", null, "1", "same-site" },
        { "an unlisted Origin", "https://evil.example", "1", "same-site" },
        { "Origin: null", "null", "1", "same-site" },
        { "a listed origin's other scheme", "http://app.example.com", "1", "same-site" },
        { "a look-alike Origin", "https://app.example.com.evil.example", "1", "same-site" },
        { "Sec-Fetch-Site: cross-site", AppOrigin, "1", "cross-site" },
        { "nothing but the cookie", null, null, null },
    };

    [Fact]
    public async Task Login_InCookieMode_ShouldSetTheHostCookieAndLeaveTheRefreshTokenOutOfTheBody()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);

        var response = await _client.LoginAsync(user, ct);

        await ShouldAnswerWithTheCookieAsync(response, s_defaultIdleTimeout, "the idle timeout (7 days) ends the session before its absolute lifetime (30)", ct);
    }

    [Fact]
    public async Task LoginForm_InCookieMode_ShouldSetTheHostCookieAndLeaveTheRefreshTokenOutOfTheBody()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);

        var response = await _client.PostAsync("/api/v1/auth/login-form", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = user.Username,
            ["password"] = user.Password,
            ["grant_type"] = "password",
        }), ct);

        await ShouldAnswerWithTheCookieAsync(response, s_defaultIdleTimeout, "as at login", ct);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("""{"refresh_token":null}""")]
    [InlineData("""{"refresh_token":""}""")]
    public async Task Refresh_WithTheCookieAndTheCsrfProof_ShouldRotateItIntoANewCookie(string? body)
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var (cookie, access) = await _client.LoginWithCookieAsync(user, ct);

        var response = await _client.RefreshWithCookieAsync(cookie, ct, jsonBody: body);

        var (rotated, newAccess) = await ShouldAnswerWithTheCookieAsync(response, s_defaultIdleTimeout, "a refresh restarts the idle timeout", ct);
        rotated.Should().NotBe(cookie, "every refresh rotates");
        Jwt.Payload(newAccess).GetProperty("sid").GetString().Should().Be(Jwt.Payload(access).GetProperty("sid").GetString(), "the same session");
        (await _client.RefreshWithCookieAsync(rotated, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the new cookie works in turn");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("same-origin")]
    [InlineData("same-site")]
    [InlineData("none")]
    public async Task Refresh_WithTheCookieFromAListedOriginThatIsNotCrossSite_ShouldBeAccepted(string? secFetchSite)
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var (cookie, _) = await _client.LoginWithCookieAsync(user, ct);

        var response = await _client.RefreshWithCookieAsync(cookie, ct, secFetchSite: secFetchSite);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ct));
        response.SetCookie().Value.ToString().Should().NotBe(cookie);
    }

    [Theory]
    [MemberData(nameof(MissingProofs))]
    public async Task Refresh_WithTheCookieButWithoutTheCsrfProof_ShouldBe403AndChangeNothing(string what, string? origin, string? csrf, string? secFetchSite)
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var (cookie, access) = await _client.LoginWithCookieAsync(user, ct);
        var sessionBefore = (await _client.ListSessionsAsync(access, ct)).Single();
        var auditBefore = await SecurityEventCountAsync(access, ct);

        foreach (var body in new string?[] { null, "{}" })
        {
            var refused = await _client.RefreshWithCookieAsync(cookie, ct, origin, csrf, secFetchSite, body);

            await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "CSRF_CHECK_FAILED", ct);
            refused.Values(HeaderNames.SetCookie).Should().BeEmpty(what);
        }

        (await _client.ListSessionsAsync(access, ct)).Single().Should().Be(sessionBefore, "the session was not used ({0})", what);
        (await SecurityEventCountAsync(access, ct)).Should().Be(auditBefore, "a refused refresh records nothing");
        var proper = await _client.RefreshWithCookieAsync(cookie, ct);
        proper.StatusCode.Should().Be(HttpStatusCode.OK, "the token was neither rotated nor revoked ({0})", what);
    }

    [Fact]
    public async Task Refresh_WithADeadCookie_ShouldBe401AndExpireTheCookie()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var (loggedOut, access) = await _client.LoginWithCookieAsync(user, ct);
        (await _client.LogoutAsync(access, cancellationToken: ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var (replayed, _) = await _client.LoginWithCookieAsync(user, ct);
        (await _client.RefreshWithCookieAsync(replayed, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "rotated once");

        foreach (var (dead, what) in new[] { (loggedOut, "a logged-out session's"), (replayed, "a rotated token's (no reuse grace here)"), ("no-such-token", "an unknown token's") })
        {
            var response = await _client.RefreshWithCookieAsync(dead, ct);

            using var scope = new FluentAssertions.Execution.AssertionScope(what);
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
            ShouldExpireTheCookie(response);
        }
    }

    [Fact]
    public async Task Refresh_WithADeadBodyTokenAndALiveCookie_ShouldLeaveTheCookieAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var (cookie, _) = await _client.LoginWithCookieAsync(user, ct);

        var response = await _client.RefreshWithCookieAsync(cookie, ct, jsonBody: """{"refresh_token":"no-such-token"}""");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        response.Values(HeaderNames.SetCookie).Should().BeEmpty("the token that failed was the body's, not the cookie's");
        (await _client.RefreshWithCookieAsync(cookie, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the cookie still works");
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("{}", true)]
    [InlineData(null, false)]
    [InlineData("""{"refresh_token":""}""", false)]
    public async Task Refresh_WithNeitherABodyTokenNorTheCookie_ShouldBe401InvalidToken(string? body, bool withCsrfProof)
    {
        var ct = TestContext.Current.CancellationToken;

        var response = withCsrfProof
            ? await _client.RefreshWithCookieAsync(null, ct, jsonBody: body)
            : await _client.RefreshWithCookieAsync(null, ct, origin: null, csrf: null, secFetchSite: null, jsonBody: body);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        response.Values(HeaderNames.SetCookie).Should().BeEmpty();
    }

    [Fact]
    public async Task Refresh_WithABodyTokenInCookieMode_ShouldWorkWithoutTheCsrfProofAndAnswerWithTheCookie()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var (cookie, _) = await _client.LoginWithCookieAsync(user, ct);

        var byBody = await _client.RefreshAsync(cookie, ct);

        var (rotated, _) = await ShouldAnswerWithTheCookieAsync(byBody, s_defaultIdleTimeout, "the answer is the same however the token came", ct);
        var bodyBeforeCookie = await _client.RefreshWithCookieAsync(
            "not-the-token", ct, origin: null, csrf: null, secFetchSite: "cross-site", jsonBody: JsonSerializer.Serialize(new { refresh_token = rotated }));
        bodyBeforeCookie.StatusCode.Should().Be(HttpStatusCode.OK, "a token in the body is used, whatever cookie and headers come with it");
    }

    [Fact]
    public async Task Refresh_InCookieMode_ShouldCountTheCookieUntilTheSessionEndsIdleOrAbsolute()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new ShiftableTimeProvider();
        await using var isolated = await ApiFixture.StartIsolatedAsync(
            Settings(new() { ["Jwt:RefreshTokenDays"] = "1", ["Jwt:RefreshTokenIdleDays"] = "0.5" }),
            s => s.AddSingleton<TimeProvider>(clock));
        var client = isolated.Factory.CreateCookielessClient();
        var user = await client.RegisterNewUserAsync(ct);
        var login = await client.LoginAsync(user, ct);
        var cookie = login.SetCookie();
        cookie.MaxAge.Should().Be(TimeSpan.FromHours(12), "at login the idle timeout (12 h) comes before the absolute end (24 h)");

        clock.Advance(TimeSpan.FromHours(8));
        var early = await client.RefreshWithCookieAsync(cookie.Value.ToString(), ct);
        early.StatusCode.Should().Be(HttpStatusCode.OK, await early.Content.ReadAsStringAsync(ct));
        cookie = early.SetCookie();
        cookie.MaxAge.Should().BeCloseTo(TimeSpan.FromHours(12), TimeSpan.FromSeconds(2), "8 h in, the refresh restarts the idle timeout: 12 h, still before the absolute end (16 h left)");

        clock.Advance(TimeSpan.FromHours(11));
        var late = await client.RefreshWithCookieAsync(cookie.Value.ToString(), ct);
        late.StatusCode.Should().Be(HttpStatusCode.OK, await late.Content.ReadAsStringAsync(ct));
        cookie = late.SetCookie();
        cookie.MaxAge.Should().BeCloseTo(TimeSpan.FromHours(5), TimeSpan.FromSeconds(2), "19 h in, the absolute end (5 h left) comes before the idle timeout")
            .And.BeLessThan(TimeSpan.FromHours(5), "rounded down: the cookie never outlives the session");
    }

    [Fact]
    public async Task Logout_InCookieMode_ShouldExpireTheCookie()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var (cookie, access) = await _client.LoginWithCookieAsync(user, ct);

        var response = await _client.LogoutAsync(access, cancellationToken: ct);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        ShouldExpireTheCookie(response);
        await (await _client.RefreshWithCookieAsync(cookie, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
    }

    [Fact]
    public async Task LogoutAll_InCookieMode_ShouldExpireTheCookie()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var (cookie, access) = await _client.LoginWithCookieAsync(user, ct);
        var (otherCookie, _) = await _client.LoginWithCookieAsync(user, ct);

        var response = await _client.LogoutAllAsync(access, ct);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        ShouldExpireTheCookie(response);
        (await _client.RefreshWithCookieAsync(cookie, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _client.RefreshWithCookieAsync(otherCookie, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CookieModeOff_ShouldNeitherSetNorReadTheCookie()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = api.Factory.CreateCookielessClient();
        var user = await client.RegisterNewUserAsync(ct);

        var login = await client.LoginAsync(user, ct);
        var tokens = await login.ReadAsync<TokenPair>(ct);
        var refresh = await client.RefreshWithCookieAsync(tokens.RefreshToken, ct, jsonBody: "{}");
        var logout = await client.LogoutAsync(tokens.AccessToken, cancellationToken: ct);

        login.Values(HeaderNames.SetCookie).Should().BeEmpty();
        tokens.RefreshToken.Should().MatchRegex("^[A-Za-z0-9_-]{43}$", "the body carries the refresh token");
        await refresh.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        logout.StatusCode.Should().Be(HttpStatusCode.NoContent);
        logout.Values(HeaderNames.SetCookie).Should().BeEmpty();
    }

    /// <summary>
    /// A 200 token answer in cookie mode: the body without refresh_token (its access token works), never cached, and
    /// the one cookie, <c>__Host-refresh_token</c> with every attribute the issue names, counting down to the session's end.
    /// </summary>
    private async Task<(string Cookie, string AccessToken)> ShouldAnswerWithTheCookieAsync(
        HttpResponseMessage response, TimeSpan sessionLeft, string because, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        JsonDocument.Parse(text).RootElement.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["access_token", "token_type", "expires_in"]);
        var body = JsonSerializer.Deserialize<AccessTokenBody>(text, ApiClientExtensions.Json)!;
        body.TokenType.Should().Be("bearer");

        var raw = response.Values(HeaderNames.SetCookie).Single();
        var cookie = response.SetCookie();
        var value = cookie.Value.ToString();
        value.Should().MatchRegex("^[A-Za-z0-9_-]{43}$", "the refresh token");
        cookie.Path.ToString().Should().Be("/");
        cookie.Secure.Should().BeTrue();
        cookie.HttpOnly.Should().BeTrue();
        cookie.SameSite.Should().Be(Microsoft.Net.Http.Headers.SameSiteMode.Strict);
        cookie.Domain.HasValue.Should().BeFalse("a __Host- cookie has no Domain");
        raw.Should().NotContainEquivalentOf("domain=");
        cookie.MaxAge.Should().BeCloseTo(sessionLeft, TimeSpan.FromSeconds(2), because).And.BeLessThanOrEqualTo(sessionLeft);
        raw.Should().NotContain(body.AccessToken).And.NotContain(body.AccessToken.Split('.')[2], "the access token never goes in a cookie");
        (await _client.GetMeAsync(body.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        return (value, body.AccessToken);
    }

    private static void ShouldExpireTheCookie(HttpResponseMessage response)
    {
        var cookie = response.SetCookie();
        cookie.Value.ToString().Should().BeEmpty();
        cookie.Path.ToString().Should().Be("/");
        cookie.Secure.Should().BeTrue();
        cookie.Domain.HasValue.Should().BeFalse();
        (cookie.MaxAge == TimeSpan.Zero || cookie.Expires < DateTimeOffset.UtcNow).Should().BeTrue("Max-Age=0 or an Expires in the past ends it");
    }

    private async Task<int> SecurityEventCountAsync(string accessToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, AdminReadApi.SecurityEventsPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var response = await _client.SendAsync(request, ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("total").GetInt32();
    }

    /// <summary>Cookie mode with <see cref="RefreshTokenCookies.AppOrigin"/> allowed, and no reuse grace.</summary>
    public sealed class CookieModeApi : IAsyncLifetime
    {
        public IsolatedApi Api { get; private set; } = null!;

        public async ValueTask InitializeAsync() =>
            Api = await ApiFixture.StartIsolatedAsync(Settings(new() { ["Jwt:RefreshReuseGraceSeconds"] = "0" }));

        public ValueTask DisposeAsync() => Api.DisposeAsync();
    }
}
