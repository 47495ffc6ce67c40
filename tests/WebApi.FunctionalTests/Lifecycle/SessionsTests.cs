using System.Net;
using System.Text.Json;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.FunctionalTests.Lifecycle;

public sealed class SessionsTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ListSessions_WhenUserHasSeveral_ShouldListOnlyTheLiveOnesNewestFirstAndMarkTheCallers()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var laptop = await _client.LoginTokensAsync(user, "CleanAuthTests/laptop", ct);
        var phone = await _client.LoginTokensAsync(user, "CleanAuthTests/phone", ct);
        var tablet = await _client.LoginTokensAsync(user, "CleanAuthTests/tablet", ct);
        (await _client.LogoutAsync(phone.AccessToken, cancellationToken: ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var (_, stranger) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.GetSessionsAsync(laptop.AccessToken, ct);

        var text = await response.Content.ReadAsStringAsync(ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        var json = JsonDocument.Parse(text).RootElement;
        json.ValueKind.Should().Be(JsonValueKind.Array);
        foreach (var item in json.EnumerateArray())
        {
            item.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("id", "created_at", "last_used_at", "expires_at", "ip_address", "user_agent", "current");
        }

        var sessions = JsonSerializer.Deserialize<SessionBody[]>(text, ApiClientExtensions.Json)!;
        sessions.Select(s => s.Id).Should().Equal([tablet.SessionId(), laptop.SessionId()], "newest first, the logged-out session left out");
        sessions.Select(s => s.UserAgent).Should().Equal("CleanAuthTests/tablet", "CleanAuthTests/laptop");
        sessions.Should().BeInDescendingOrder(s => s.CreatedAt);
        sessions.Where(s => s.Current).Select(s => s.Id).Should().Equal(laptop.SessionId());
        sessions.Should().OnlyContain(s => s.LastUsedAt >= s.CreatedAt);
        sessions.Should().OnlyContain(
            s => (s.ExpiresAt - s.CreatedAt) > TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1) && (s.ExpiresAt - s.CreatedAt) <= TimeSpan.FromDays(30),
            "expires_at is the absolute end, Jwt:RefreshTokenDays (30) after login");
        foreach (var tokens in new[] { laptop, phone, tablet, stranger })
        {
            text.Should().NotContain(tokens.RefreshToken).And.NotContain(tokens.AccessToken.Split('.')[2]);
        }

        text.Should().NotContainEquivalentOf("hash").And.NotContain(stranger.SessionId().ToString());
        (await _client.ListSessionsAsync(tablet.AccessToken, ct)).Where(s => s.Current).Select(s => s.Id).Should().Equal(tablet.SessionId());
    }

    [Fact]
    public async Task ListSessions_WhenLoggedInFromAnAddress_ShouldRecordTheAddressAndTheUserAgentHeader()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(
            configureServices: s => s.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(IPAddress.Parse("203.0.113.7"))));
        var client = isolated.CreateClient();
        var user = await client.RegisterNewUserAsync(ct);
        const string agent = "Mozilla/5.0 (X11; Linux x86_64) CleanAuthTests/1.0";
        var tokens = await client.LoginTokensAsync(user, agent, ct);

        var sessions = await client.ListSessionsAsync(tokens.AccessToken, ct);

        var session = sessions.Should().ContainSingle().Subject;
        session.Id.Should().Be(tokens.SessionId());
        session.IpAddress.Should().Be("203.0.113.7");
        session.UserAgent.Should().Be(agent);
        session.Current.Should().BeTrue();
    }

    [Fact]
    public async Task DeleteSession_WhenItIsAnotherOfTheUsersSessions_ShouldEndItAndKeepTheCallers()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, laptop) = await _client.RegisterAndLoginAsync(ct);
        var phone = await _client.LoginTokensAsync(user, ct);

        var response = await _client.DeleteSessionAsync(laptop.AccessToken, phone.SessionId(), ct);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync(ct));
        await _client.ShouldBeRevokedAsync(phone, "the deleted session's tokens stop working", ct);
        laptop = await _client.ShouldBeLiveAsync(laptop, "the caller's own session is untouched", ct);
        (await _client.ListSessionsAsync(laptop.AccessToken, ct)).Select(s => s.Id).Should().Equal(laptop.SessionId());
    }

    [Fact]
    public async Task DeleteSession_WhenSessionIsSomeoneElsesOrUnknown_ShouldAnswerTheSame404AndLeaveItAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, mine) = await _client.RegisterAndLoginAsync(ct);
        var (_, theirs) = await _client.RegisterAndLoginAsync(ct);

        var someoneElses = await _client.DeleteSessionAsync(mine.AccessToken, theirs.SessionId(), ct);
        var unknown = await _client.DeleteSessionAsync(mine.AccessToken, Guid.NewGuid(), ct);

        var a = await someoneElses.ShouldBeProblemAsync(HttpStatusCode.NotFound, "SESSION_NOT_FOUND", ct);
        var b = await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "SESSION_NOT_FOUND", ct);
        ApiClientExtensions.WithoutTraceId(a).Should().Be(ApiClientExtensions.WithoutTraceId(b), "the answer must not reveal that the session exists");
        await _client.ShouldBeLiveAsync(theirs, "someone else's session is not ours to end", ct);
        await _client.ShouldBeLiveAsync(mine, "a refused delete changes nothing", ct);
    }

    [Fact]
    public async Task LogoutAll_WhenUserHasSeveralSessions_ShouldEndEveryOneIncludingTheCallers()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, laptop) = await _client.RegisterAndLoginAsync(ct);
        var phone = await _client.LoginTokensAsync(user, ct);
        var tablet = await _client.LoginTokensAsync(user, ct);
        var (_, stranger) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.LogoutAllAsync(phone.AccessToken, ct);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync(ct));
        foreach (var tokens in new[] { laptop, phone, tablet })
        {
            await _client.ShouldBeRevokedAsync(tokens, "logout-all ends every session of the user", ct);
        }

        await _client.ShouldBeLiveAsync(stranger, "other users are unaffected", ct);
        var fresh = await _client.LoginTokensAsync(user, ct);
        (await _client.ListSessionsAsync(fresh.AccessToken, ct)).Select(s => s.Id).Should().Equal(fresh.SessionId());
    }
}
