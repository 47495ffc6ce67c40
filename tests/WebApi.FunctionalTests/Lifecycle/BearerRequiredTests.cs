using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Lifecycle;

/// <summary>Every account-lifecycle endpoint that acts for a signed-in user refuses callers without a live session.</summary>
public sealed class BearerRequiredTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    public static TheoryData<string, string> ProtectedEndpoints => new()
    {
        { "GET", "/api/v1/auth/sessions" },
        { "DELETE", "/api/v1/auth/sessions/0198c2a4-5b6e-7c3d-9e8f-0a1b2c3d4e5f" },
        { "POST", "/api/v1/auth/logout-all" },
        { "POST", "/api/v1/auth/password-change" },
        { "POST", "/api/v1/auth/email-verification-request" },
        { "PUT", "/api/v1/users/me" },
        { "DELETE", "/api/v1/users/me" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Call_WhenNoBearerToken_ShouldReturn401InvalidTokenWithChallenge(string method, string path)
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.SendAuthorizedAsync(new HttpMethod(method), path, accessToken: null, body: BodyFor(method), cancellationToken: ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Call_WhenSessionLoggedOut_ShouldReturn401InvalidToken(string method, string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await _client.RegisterAndLoginAsync(ct);
        (await _client.LogoutAsync(tokens.AccessToken, cancellationToken: ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var response = await _client.SendAuthorizedAsync(new HttpMethod(method), path, tokens.AccessToken, body: BodyFor(method), cancellationToken: ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
    }

    private static object? BodyFor(string method) => method is "GET" ? null : new { };
}
