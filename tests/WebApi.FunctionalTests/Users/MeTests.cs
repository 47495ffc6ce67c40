using System.Net;
using System.Net.Http.Headers;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Users;

public sealed class MeTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task GetMe_WhenAuthenticated_ShouldReturnTheUser()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.GetMeAsync(tokens.AccessToken, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var me = await response.ReadAsync<UserBody>(ct);
        me.Email.Should().Be(user.Email);
        me.Username.Should().Be(user.Username);
        me.Roles.Should().Equal("user");
        me.CreatedAt.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public async Task GetMe_WhenNoToken_ShouldReturn401InvalidTokenWithChallenge()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.GetAsync("/api/v1/users/me", ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task GetMe_WhenTokenOnlyInQueryStringOrCookie_ShouldReturn401()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await _client.RegisterAndLoginAsync(ct);

        var query = await _client.GetAsync($"/api/v1/users/me?access_token={tokens.AccessToken}", ct);
        using var cookieRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me");
        cookieRequest.Headers.Add("Cookie", $"access_token={tokens.AccessToken}");
        var cookie = await _client.SendAsync(cookieRequest, ct);

        query.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        cookie.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GetMe_WhenSchemeIsNotBearer_ShouldReturn401()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await _client.RegisterAndLoginAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", tokens.AccessToken);

        var response = await _client.SendAsync(request, ct);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string> HostileTokenKinds() =>
    [
        "alg-none", "alg-None", "alg-NONE", "signature-stripped", "payload-tampered-roles", "payload-tampered-sub",
        "wrong-key", "expired-beyond-skew", "no-exp", "not-yet-valid", "wrong-issuer", "wrong-audience", "no-audience",
        "typ-JWT", "typ-rt+jwt", "no-sid", "unknown-sub", "garbage",
        "kid-unknown", "kid-missing", "crit-header", "iat-in-future", "no-iat", "lifetime-over-access-token-minutes",
        "exp-string", "expired-within-skew",
    ];

    [Theory]
    [MemberData(nameof(HostileTokenKinds))]
    public async Task GetMe_WhenTokenIsHostile_ShouldReturn401(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await _client.RegisterAndLoginAsync(ct);
        var real = tokens.AccessToken;
        var payload = Jwt.Payload(real);
        var claims = new Dictionary<string, object>
        {
            ["sub"] = payload.GetProperty("sub").GetString()!,
            ["sid"] = payload.GetProperty("sid").GetString()!,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["roles"] = new[] { "user" },
        };
        var now = DateTime.UtcNow;

        var hostile = kind switch
        {
            "alg-none" => Jwt.WithHeader(real, """{"alg":"none","typ":"at+jwt"}""").Split('.')[0] + "." + real.Split('.')[1] + ".",
            "alg-None" => Jwt.WithHeader(real, """{"alg":"None","typ":"at+jwt"}""").Split('.')[0] + "." + real.Split('.')[1] + ".",
            "alg-NONE" => Jwt.WithHeader(real, """{"alg":"NONE","typ":"at+jwt"}""").Split('.')[0] + "." + real.Split('.')[1] + ".",
            "signature-stripped" => real[..(real.LastIndexOf('.') + 1)],
            "payload-tampered-roles" => Jwt.WithPayload(real, p => p.ToString().Replace("[\"user\"]", "[\"admin\"]", StringComparison.Ordinal)),
            "payload-tampered-sub" => Jwt.WithPayload(real, p => p.ToString().Replace(p.GetProperty("sub").GetString()!, Guid.NewGuid().ToString(), StringComparison.Ordinal)),
            "wrong-key" => Jwt.Mint(claims, key: new byte[32]),
            "expired-beyond-skew" => Jwt.Mint(claims, issuedAt: now.AddMinutes(-11), notBefore: now.AddMinutes(-11), expires: now.AddSeconds(-35)),
            "no-exp" => MintWithoutExpiry(claims),
            "not-yet-valid" => Jwt.Mint(claims, notBefore: now.AddMinutes(5), expires: now.AddMinutes(10)),
            "wrong-issuer" => Jwt.Mint(claims, issuer: "someone-else"),
            "wrong-audience" => Jwt.Mint(claims, audience: "another-api"),
            "no-audience" => Jwt.Mint(claims, audience: null),
            "typ-JWT" => Jwt.Mint(claims, type: "JWT"),
            "typ-rt+jwt" => Jwt.Mint(claims, type: "rt+jwt"),
            "no-sid" => Jwt.Mint(claims.Where(c => c.Key != "sid").ToDictionary()),
            "unknown-sub" => Jwt.Mint(new Dictionary<string, object>(claims) { ["sub"] = Guid.NewGuid().ToString() }),
            "kid-unknown" => Jwt.Mint(claims, keyId: "hs256-2"),
            "kid-missing" => Jwt.Mint(claims, keyId: null),
            "crit-header" => Jwt.Sign("""{"alg":"HS256","kid":"hs256-1","typ":"at+jwt","crit":["x-ext"],"x-ext":true}""", PayloadJson(claims, now)),
            "iat-in-future" => Jwt.Mint(claims, issuedAt: now.AddMinutes(2)),
            "no-iat" => Jwt.Sign(SignedHeader, PayloadJson(claims, now, withIssuedAt: false)),
            "lifetime-over-access-token-minutes" => Jwt.Mint(claims, expires: now.AddMinutes(11)),
            "exp-string" => Jwt.Sign(SignedHeader, PayloadJson(claims, now, exp: "9999999999")),
            "expired-within-skew" => Jwt.Mint(claims, issuedAt: now.AddMinutes(-5), notBefore: now.AddMinutes(-5), expires: now.AddSeconds(-5)),
            _ => "not.a.jwt",
        };

        var response = await _client.GetMeAsync(hostile, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
    }

    [Fact]
    public async Task GetMe_WhenTokenMintedWithTheRealKeyAndLiveSession_ShouldBeAccepted()
    {
        // The control for the hostile cases above: the same minting path with nothing wrong passes.
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await _client.RegisterAndLoginAsync(ct);
        var payload = Jwt.Payload(tokens.AccessToken);

        var minted = Jwt.Mint(new Dictionary<string, object>
        {
            ["sub"] = payload.GetProperty("sub").GetString()!,
            ["sid"] = payload.GetProperty("sid").GetString()!,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["roles"] = new[] { "user" },
        });

        (await _client.GetMeAsync(minted, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetMe_WhenHandSignedTokenIsWellFormed_ShouldBeAccepted()
    {
        // The control for the hand-signed hostile cases: the same signing path with nothing wrong passes.
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await _client.RegisterAndLoginAsync(ct);
        var payload = Jwt.Payload(tokens.AccessToken);
        var claims = new Dictionary<string, object>
        {
            ["sub"] = payload.GetProperty("sub").GetString()!,
            ["sid"] = payload.GetProperty("sid").GetString()!,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["roles"] = new[] { "user" },
        };

        var signed = Jwt.Sign(SignedHeader, PayloadJson(claims, DateTime.UtcNow));

        (await _client.GetMeAsync(signed, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetMe_WhenNotBeforeAndIssuedAtWithinClockSkew_ShouldBeAccepted()
    {
        // Another instance's clock may run a little ahead: nbf and iat get 30 s of skew (exp gets none).
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await _client.RegisterAndLoginAsync(ct);
        var payload = Jwt.Payload(tokens.AccessToken);
        var now = DateTime.UtcNow;

        var aheadOfUs = Jwt.Mint(
            new Dictionary<string, object> { ["sub"] = payload.GetProperty("sub").GetString()!, ["sid"] = payload.GetProperty("sid").GetString()!, ["roles"] = new[] { "user" } },
            issuedAt: now.AddSeconds(10), notBefore: now.AddSeconds(10), expires: now.AddMinutes(5));

        (await _client.GetMeAsync(aheadOfUs, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "30 s of clock skew is allowed for nbf and iat");
    }

    [Fact]
    public async Task GetMe_WhenAccessTokenExpiredSecondsAgo_ShouldReturn401()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await _client.RegisterAndLoginAsync(ct);
        var payload = Jwt.Payload(tokens.AccessToken);
        var now = DateTime.UtcNow;

        var justExpired = Jwt.Mint(
            new Dictionary<string, object> { ["sub"] = payload.GetProperty("sub").GetString()!, ["sid"] = payload.GetProperty("sid").GetString()!, ["roles"] = new[] { "user" } },
            issuedAt: now.AddMinutes(-10), notBefore: now.AddMinutes(-10), expires: now.AddSeconds(-2));

        var response = await _client.GetMeAsync(justExpired, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
    }

    private const string SignedHeader = """{"alg":"HS256","kid":"hs256-1","typ":"at+jwt"}""";

    /// <summary>The payload an app-issued token carries (iat = nbf = now, exp five minutes on), without iat or with another exp.</summary>
    private static string PayloadJson(Dictionary<string, object> claims, DateTime now, bool withIssuedAt = true, object? exp = null)
    {
        var payload = new Dictionary<string, object>(claims)
        {
            ["iss"] = CleanAuthApiFactory.Issuer,
            ["aud"] = CleanAuthApiFactory.Audience,
            ["nbf"] = Jwt.Epoch(now),
            ["exp"] = exp ?? Jwt.Epoch(now.AddMinutes(5)),
        };
        if (withIssuedAt)
        {
            payload["iat"] = Jwt.Epoch(now);
        }

        return System.Text.Json.JsonSerializer.Serialize(payload);
    }

    private static string MintWithoutExpiry(Dictionary<string, object> claims)
    {
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = CleanAuthApiFactory.Issuer,
            Audience = CleanAuthApiFactory.Audience,
            Claims = claims,
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(CleanAuthApiFactory.SigningKey), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
    }
}
