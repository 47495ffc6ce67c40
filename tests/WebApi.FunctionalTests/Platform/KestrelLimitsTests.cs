using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>The app as a real process on Kestrel: the in-process test server enforces none of Kestrel's limits.</summary>
public sealed class KestrelLimitsTests
{
    [Fact]
    public async Task GetMe_WhenAuthorizationHeaderIsHuge_ShouldAnswerAProblemNotAnEmpty431()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await RunningApp.StartAsync(ct);
        var (_, tokens) = await app.Client.RegisterAndLoginAsync(ct);
        var parts = tokens.AccessToken.Split('.');
        var padded = $"{parts[0]}.{parts[1]}{new string('A', 100 * 1024)}.{parts[2]}";

        var random = await app.Client.GetMeAsync(new string('a', 100 * 1024), ct);
        var tokenShaped = await app.Client.GetMeAsync(padded, ct);

        await random.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        await tokenShaped.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        (await app.Client.GetMeAsync(tokens.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "a normal token still works on Kestrel");
    }
}
