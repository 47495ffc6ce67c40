using System.Net;
using System.Text.Json;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Auth;

public sealed class LoginTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Login_WhenEmailAndPasswordRight_ShouldReturnTokenPairThatIsNotCacheable()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);

        var response = await _client.LoginAsync(user with { Email = user.Email.ToUpperInvariant() }, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        json.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("access_token", "token_type", "expires_in", "refresh_token");
        json.GetProperty("token_type").GetString().Should().Be("bearer");
        json.GetProperty("expires_in").GetInt32().Should().Be(600);
        json.GetProperty("refresh_token").GetString().Should().MatchRegex("^[A-Za-z0-9_-]{43}$", "256 bits, base64url");
    }

    [Fact]
    public async Task Login_WhenUsernameGiven_ShouldSucceedCaseInsensitively()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);

        var response = await _client.PostJsonAsync("/api/v1/auth/login", new { username = user.Username.ToUpperInvariant(), password = user.Password }, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_WhenSucceeded_ShouldIssueAccessTokenWithTheDocumentedClaims()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);
        var me = await (await _client.GetMeAsync(tokens.AccessToken, ct)).ReadAsync<UserBody>(ct);

        var header = Jwt.Header(tokens.AccessToken);
        var payload = Jwt.Payload(tokens.AccessToken);

        header.GetProperty("alg").GetString().Should().Be("HS256");
        header.GetProperty("typ").GetString().Should().Be("at+jwt");
        payload.GetProperty("sub").GetString().Should().Be(me.Id.ToString());
        Guid.TryParse(payload.GetProperty("sid").GetString(), out _).Should().BeTrue();
        payload.GetProperty("jti").GetString().Should().NotBeNullOrEmpty();
        payload.GetProperty("iss").GetString().Should().Be(CleanAuthApiFactory.Issuer);
        payload.GetProperty("aud").GetString().Should().Be(CleanAuthApiFactory.Audience);
        payload.GetProperty("roles").ValueKind.Should().Be(JsonValueKind.Array);
        payload.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("user");
        var iat = payload.GetProperty("iat").GetInt64();
        payload.GetProperty("nbf").GetInt64().Should().Be(iat);
        (payload.GetProperty("exp").GetInt64() - iat).Should().Be(600);
        payload.ToString().Should().NotContain(user.Email).And.NotContain(user.Username);
    }

    [Fact]
    public async Task Login_WhenRepeated_ShouldStartDistinctSessions()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);

        var first = await _client.LoginTokensAsync(user, ct);
        var second = await _client.LoginTokensAsync(user, ct);

        first.RefreshToken.Should().NotBe(second.RefreshToken);
        Jwt.Payload(first.AccessToken).GetProperty("sid").GetString().Should().NotBe(Jwt.Payload(second.AccessToken).GetProperty("sid").GetString());
        Jwt.Payload(first.AccessToken).GetProperty("jti").GetString().Should().NotBe(Jwt.Payload(second.AccessToken).GetProperty("jti").GetString());
    }

    [Fact]
    public async Task Login_WhenPasswordWrongOrAccountUnknown_ShouldGiveTheSameAnswer()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);

        var wrongPassword = await _client.LoginAsync(user with { Password = user.Password + "x" }, ct);
        var unknownAccount = await _client.LoginAsync(ApiClientExtensions.NewUser(), ct);

        var a = await wrongPassword.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
        var b = await unknownAccount.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
        Without(a, "trace_id").Should().Be(Without(b, "trace_id"));
    }

    [Theory]
    [InlineData(" ", "trailing space")]
    [InlineData("case", "first letter's case flipped")]
    public async Task Login_WhenPasswordAlmostRight_ShouldFail(string variant, string because)
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var almost = variant == " " ? user.Password + " " : char.ToUpperInvariant(user.Password[0]) + user.Password[1..];

        var response = await _client.LoginAsync(user with { Password = almost }, ct);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, because);
    }

    [Fact]
    public async Task Login_WhenPasswordRegisteredInNfcIsSentInNfd_ShouldSucceed()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = ApiClientExtensions.NewUser() with { Password = "Pässwörd-Ñandú-long-phrase-" + Guid.NewGuid().ToString("N")[..6] };
        (await _client.RegisterAsync(user with { Password = user.Password.Normalize(System.Text.NormalizationForm.FormC) }, ct)).StatusCode.Should().Be(HttpStatusCode.Created);

        var response = await _client.LoginAsync(user with { Password = user.Password.Normalize(System.Text.NormalizationForm.FormD) }, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_WhenNoIdentifierOrBoth_ShouldReturn422()
    {
        var ct = TestContext.Current.CancellationToken;

        var none = await _client.PostJsonAsync("/api/v1/auth/login", new { password = "whatever-password" }, ct);
        var both = await _client.PostJsonAsync("/api/v1/auth/login", new { email = "a@example.com", username = "someone", password = "whatever-password" }, ct);

        await none.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        await both.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
    }

    [Fact]
    public async Task Login_WhenSessionEndsBeforeTheUsualAccessTokenLifetime_ShouldCapTheAccessTokenAtTheSessionsEnd()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?> { ["Jwt:RefreshTokenDays"] = "0.0035" });
        var client = isolated.CreateClient();

        var (_, tokens) = await client.RegisterAndLoginAsync(ct);

        var sessionSeconds = 0.0035 * 24 * 3600;
        tokens.ExpiresIn.Should().BeLessThanOrEqualTo((int)Math.Ceiling(sessionSeconds), "an access token never outlives its session");
        var payload = Jwt.Payload(tokens.AccessToken);
        (payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64()).Should().BeLessThanOrEqualTo((long)Math.Ceiling(sessionSeconds));
    }

    private static string Without(JsonElement json, string property) =>
        JsonSerializer.Serialize(json.EnumerateObject().Where(p => p.Name != property).ToDictionary(p => p.Name, p => p.Value));
}
