using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Auth;

public sealed class LoginFormTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [InlineData(true, "password")]
    [InlineData(false, "password")]
    [InlineData(true, null)]
    public async Task LoginForm_WhenPasswordFlowWithEmailOrUsername_ShouldReturnTokenPair(bool byEmail, string? grantType)
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var fields = new Dictionary<string, string> { ["username"] = byEmail ? user.Email : user.Username, ["password"] = user.Password };
        if (grantType is not null)
        {
            fields["grant_type"] = grantType;
        }

        var response = await _client.PostAsync("/api/v1/auth/login-form", new FormUrlEncodedContent(fields), ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var tokens = await response.ReadAsync<TokenPair>(ct);
        tokens.TokenType.Should().Be("bearer");
        (await _client.GetMeAsync(tokens.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LoginForm_WhenOtherGrantType_ShouldReturn400UnsupportedGrantType()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);

        var response = await _client.PostAsync("/api/v1/auth/login-form", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = user.Email,
            ["password"] = user.Password,
            ["grant_type"] = "client_credentials",
        }), ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "UNSUPPORTED_GRANT_TYPE", ct);
    }

    [Fact]
    public async Task LoginForm_WhenPasswordWrong_ShouldReturn401InvalidCredentials()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);

        var response = await _client.PostAsync("/api/v1/auth/login-form", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = user.Username,
            ["password"] = "not-the-password-at-all",
        }), ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
    }

    [Theory]
    [InlineData("", "email")]
    [InlineData("@", "email")]
    [InlineData("u", "username")]
    public async Task LoginForm_WhenUsernameIsMissingOrOverlong_ShouldReturn422KeyedByTheKindOfIdentifier(string username, string key)
    {
        var ct = TestContext.Current.CancellationToken;
        var identifier = username.Length == 0 ? "" : new string('x', 320) + username;

        var response = await _client.PostAsync("/api/v1/auth/login-form", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = identifier,
            ["password"] = "whatever-password",
        }), ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(key);
    }

    [Fact]
    public async Task LoginForm_WhenSentAsJson_ShouldReturn415()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.PostJsonAsync("/api/v1/auth/login-form", new { username = "x", password = "y" }, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", ct);
    }
}
