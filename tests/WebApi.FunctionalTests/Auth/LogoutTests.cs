using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Auth;

public sealed class LogoutTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Logout_WhenAuthenticated_ShouldStopTheSessionsTokensOnTheNextRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);
        var otherDevice = await _client.LoginTokensAsync(user, ct);
        (await _client.GetMeAsync(tokens.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await _client.LogoutAsync(tokens.AccessToken, cancellationToken: ct);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await _client.GetMeAsync(tokens.AccessToken, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        await (await _client.RefreshAsync(tokens.RefreshToken, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        (await _client.GetMeAsync(otherDevice.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "logout ends one session only");
    }

    [Fact]
    public async Task Logout_WhenGivenAnotherOfTheUsersRefreshTokens_ShouldEndThatSessionToo()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);
        var otherDevice = await _client.LoginTokensAsync(user, ct);

        var response = await _client.LogoutAsync(tokens.AccessToken, new { refresh_token = otherDevice.RefreshToken }, ct);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _client.GetMeAsync(otherDevice.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _client.RefreshAsync(otherDevice.RefreshToken, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_WhenGivenSomeoneElsesRefreshToken_ShouldLeaveThatSessionAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, mine) = await _client.RegisterAndLoginAsync(ct);
        var (_, theirs) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.LogoutAsync(mine.AccessToken, new { refresh_token = theirs.RefreshToken }, ct);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _client.GetMeAsync(theirs.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.RefreshAsync(theirs.RefreshToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_WhenNoToken_ShouldReturn401WithBearerChallenge()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.PostAsync("/api/v1/auth/logout", null, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
    }

    [Fact]
    public async Task Logout_WhenRepeatedWithTheSameToken_ShouldReturn401()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await _client.RegisterAndLoginAsync(ct);
        (await _client.LogoutAsync(tokens.AccessToken, cancellationToken: ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var again = await _client.LogoutAsync(tokens.AccessToken, cancellationToken: ct);

        again.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
