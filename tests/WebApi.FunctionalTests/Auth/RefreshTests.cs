using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.FunctionalTests.Auth;

public sealed class RefreshTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Refresh_WhenTokenLive_ShouldRotateToANewWorkingPair()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, first) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.RefreshAsync(first.RefreshToken, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var second = await response.ReadAsync<TokenPair>(ct);
        second.RefreshToken.Should().NotBe(first.RefreshToken).And.MatchRegex("^[A-Za-z0-9_-]{43}$");
        second.TokenType.Should().Be("bearer");
        Jwt.Payload(second.AccessToken).GetProperty("sid").GetString().Should().Be(Jwt.Payload(first.AccessToken).GetProperty("sid").GetString());
        (await _client.GetMeAsync(second.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.RefreshAsync(second.RefreshToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_WhenRotatedTokenReplayedWithinGrace_ShouldReturnTheSameSuccessor()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, first) = await _client.RegisterAndLoginAsync(ct);
        var second = await (await _client.RefreshAsync(first.RefreshToken, ct)).ReadAsync<TokenPair>(ct);

        var replay = await _client.RefreshAsync(first.RefreshToken, ct);

        replay.StatusCode.Should().Be(HttpStatusCode.OK);
        var replayed = await replay.ReadAsync<TokenPair>(ct);
        replayed.RefreshToken.Should().Be(second.RefreshToken);
        (await _client.GetMeAsync(replayed.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.RefreshAsync(second.RefreshToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the successor is still live");
    }

    [Fact]
    public async Task Refresh_WhenReplayedAfterSuccessorRotated_ShouldRevokeTheWholeSession()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, first) = await _client.RegisterAndLoginAsync(ct);
        var otherDevice = await _client.LoginTokensAsync(user, ct);
        var second = await (await _client.RefreshAsync(first.RefreshToken, ct)).ReadAsync<TokenPair>(ct);
        var third = await (await _client.RefreshAsync(second.RefreshToken, ct)).ReadAsync<TokenPair>(ct);

        var replay = await _client.RefreshAsync(first.RefreshToken, ct);

        await replay.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        (await _client.RefreshAsync(third.RefreshToken, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _client.GetMeAsync(third.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "revocation stops access tokens at once");
        (await _client.GetMeAsync(otherDevice.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "another session is unaffected");
        (await _client.RefreshAsync(otherDevice.RefreshToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_WhenReplayedAfterGraceWindow_ShouldRevokeTheWholeSession()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new ShiftableTimeProvider();
        await using var isolated = await ApiFixture.StartIsolatedAsync(configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var client = isolated.CreateClient();
        var (_, first) = await client.RegisterAndLoginAsync(ct);
        var second = await (await client.RefreshAsync(first.RefreshToken, ct)).ReadAsync<TokenPair>(ct);

        clock.Advance(TimeSpan.FromSeconds(11));
        var replay = await client.RefreshAsync(first.RefreshToken, ct);

        await replay.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        (await client.RefreshAsync(second.RefreshToken, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetMeAsync(second.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_WhenSessionPastItsAbsoluteLifetime_ShouldFailEvenThoughRotationKeptItBusy()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new ShiftableTimeProvider();
        await using var isolated = await ApiFixture.StartIsolatedAsync(
            new Dictionary<string, string?> { ["Jwt:RefreshTokenDays"] = "1" },
            s => s.AddSingleton<TimeProvider>(clock));
        var client = isolated.CreateClient();
        var (_, tokens) = await client.RegisterAndLoginAsync(ct);

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromHours(7));
            var response = await client.RefreshAsync(tokens.RefreshToken, ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            tokens = await response.ReadAsync<TokenPair>(ct);
        }

        clock.Advance(TimeSpan.FromHours(4));
        var expired = await client.RefreshAsync(tokens.RefreshToken, ct);

        await expired.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
    }

    [Fact]
    public async Task Refresh_WhenTheSessionWentUnrefreshedForItsIdleTimeout_ShouldFailAndTheSessionShouldEnd()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new ShiftableTimeProvider();
        await using var isolated = await ApiFixture.StartIsolatedAsync(
            new Dictionary<string, string?> { ["Jwt:RefreshTokenDays"] = "30", ["Jwt:RefreshTokenIdleDays"] = "1" },
            s => s.AddSingleton<TimeProvider>(clock));
        var client = isolated.CreateClient();
        var (user, tokens) = await client.RegisterAndLoginAsync(ct);
        var watcher = await client.LoginTokensAsync(user, ct);
        var watcherAccess = watcher.AccessToken; // issued before the clock moves (bearer validation reads the wall clock)

        // Refreshed just within the idle timeout, again and again: it lives on.
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromHours(23));
            watcher = await (await client.RefreshAsync(watcher.RefreshToken, ct)).ReadAsync<TokenPair>(ct);
            var response = await client.RefreshAsync(tokens.RefreshToken, ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK, "refresh {0} came within the idle timeout", i);
            tokens = await response.ReadAsync<TokenPair>(ct);
        }

        // Then left alone for longer than the idle timeout, while another session stays in use.
        clock.Advance(TimeSpan.FromHours(12));
        watcher = await (await client.RefreshAsync(watcher.RefreshToken, ct)).ReadAsync<TokenPair>(ct);
        clock.Advance(TimeSpan.FromHours(12).Add(TimeSpan.FromSeconds(1)));
        var idle = await client.RefreshAsync(tokens.RefreshToken, ct);

        await idle.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        var listed = await client.ListSessionsAsync(watcherAccess, ct);
        listed.Select(s => s.Id).Should().Equal([watcher.SessionId()], "a session past its idle timeout has ended");
    }

    [Theory]
    [InlineData("not-a-real-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Refresh_WhenTokenUnknown_ShouldReturn401AndLeaveRealSessionsAlone(string bogus)
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.RefreshAsync(bogus, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
        (await _client.RefreshAsync(tokens.RefreshToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_WhenTokenMissing_ShouldReturn422()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.PostJsonAsync("/api/v1/auth/refresh", new { }, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
    }

    [Fact]
    public async Task Refresh_WhenTokenGivenInQueryString_ShouldNotBeAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.PostJsonAsync($"/api/v1/auth/refresh?refresh_token={tokens.RefreshToken}", new { }, ct);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Refresh_WhenOneTokenIsRefreshedInParallel_ShouldAnswerEveryCallWithTheSameSuccessor()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await _client.RegisterAndLoginAsync(ct);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => api.CreateClient().RefreshAsync(tokens.RefreshToken, ct)));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        var successors = await Task.WhenAll(responses.Select(r => r.ReadAsync<TokenPair>(ct)));
        successors.Select(s => s.RefreshToken).Distinct().Should().ContainSingle("two tabs refreshing at once share one successor");
        (await _client.RefreshAsync(successors[0].RefreshToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_WhenRefreshedInParallelWithoutGrace_ShouldNeverYieldTwoLiveSuccessors()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?> { ["Jwt:RefreshReuseGraceSeconds"] = "0" });
        var client = isolated.CreateClient();
        var (_, tokens) = await client.RegisterAndLoginAsync(ct);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => isolated.CreateClient().RefreshAsync(tokens.RefreshToken, ct)));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Unauthorized);
        var successors = await Task.WhenAll(responses.Where(r => r.StatusCode == HttpStatusCode.OK).Select(r => r.ReadAsync<TokenPair>(ct)));
        successors.Select(s => s.RefreshToken).Distinct().Should().HaveCountLessThanOrEqualTo(1);
    }
}
