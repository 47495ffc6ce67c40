using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Admin;

/// <summary>
/// Who may call the admin API's write routes: no token is 401; without the route's permission 403 FORBIDDEN, decided
/// before anything about the account or the body (the same answer for an existing and an unknown id); an id that is
/// not a GUID is 404, an unknown one 404 USER_NOT_FOUND. A refused call changes nothing.
/// </summary>
public sealed class AdminWriteAuthorizationTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    public static TheoryData<string> Routes => ["update", "delete", "activate", "deactivate", "roles", "sessions", "invitations"];

    public static TheoryData<string> UserRoutes => ["update", "delete", "activate", "deactivate", "roles", "sessions"];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_WithoutAToken_ShouldReturn401InvalidToken(string route)
    {
        var ct = TestContext.Current.CancellationToken;
        var target = await api.Factory.SignInNewUserAsync(_client, ct);

        var response = await SendAsync(route, null, target.Id, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_WhenAPlainUserCalls_ShouldReturn403ForbiddenAlikeForAKnownAndAnUnknownIdAndChangeNothing(string route)
    {
        var ct = TestContext.Current.CancellationToken;
        var caller = await api.Factory.SignInNewUserAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);

        var known = await (await SendAsync(route, caller.Tokens.AccessToken, target.Id, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);
        var unknown = await (await SendAsync(route, caller.Tokens.AccessToken, Guid.NewGuid(), ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);

        ApiClientExtensions.WithoutTraceId(known).Should().Be(ApiClientExtensions.WithoutTraceId(unknown), "the answer does not tell whether the account exists");
        await ShouldBeUntouchedAsync(target, ct);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_WhenAGuestCalls_ShouldReturn403ForbiddenAlikeForAKnownAndAnUnknownId(string route)
    {
        var ct = TestContext.Current.CancellationToken;
        var guest = await api.Factory.SignInNewAsync(_client, ["guest"], ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);

        var known = await (await SendAsync(route, guest.Tokens.AccessToken, target.Id, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);
        var unknown = await (await SendAsync(route, guest.Tokens.AccessToken, Guid.NewGuid(), ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);

        ApiClientExtensions.WithoutTraceId(known).Should().Be(ApiClientExtensions.WithoutTraceId(unknown));
        await ShouldBeUntouchedAsync(target, ct);
    }

    [Fact]
    public async Task Routes_WhenAPlainUserAimsThemAtThemself_ShouldNotEscalateOrChangeAnything()
    {
        var ct = TestContext.Current.CancellationToken;
        var caller = await api.Factory.SignInNewUserAsync(_client, ct);

        await (await _client.ReplaceRolesAsync(caller.Tokens.AccessToken, caller.Id, new[] { "admin" }, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);
        await (await _client.UpdateUserAsync(caller.Tokens.AccessToken, caller.Id, new { email_verified = true, roles = new[] { "admin" }, is_admin = true }, ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);
        await (await _client.CreateInvitationAsync(caller.Tokens.AccessToken, new { roles = new[] { "admin" } }, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);

        var me = await _client.GetMeBodyAsync(caller.Tokens.AccessToken, ct);
        me.Roles.Should().Equal("user");
        me.IsAdmin.Should().BeFalse();
        me.EmailVerified.Should().BeFalse();
    }

    [Fact]
    public async Task Route_WhenAPlainUserSendsAnInvalidBody_ShouldReturn403BeforeValidation()
    {
        var ct = TestContext.Current.CancellationToken;
        var caller = await api.Factory.SignInNewUserAsync(_client, ct);

        var response = await _client.ReplaceRolesAsync(caller.Tokens.AccessToken, Guid.NewGuid(), Array.Empty<string>(), ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);
    }

    [Theory]
    [MemberData(nameof(UserRoutes))]
    public async Task Route_WhenAnAdminNamesAnUnknownId_ShouldReturn404UserNotFound(string route)
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);

        var response = await SendAsync(route, admin.Tokens.AccessToken, Guid.NewGuid(), ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "USER_NOT_FOUND", ct);
    }

    [Theory]
    [InlineData("PUT", "not-a-guid")]
    [InlineData("DELETE", "not-a-guid")]
    [InlineData("POST", "not-a-guid/activate")]
    [InlineData("POST", "not-a-guid/deactivate")]
    [InlineData("PUT", "not-a-guid/roles")]
    [InlineData("DELETE", "not-a-guid/sessions")]
    [InlineData("DELETE", "12345")]
    public async Task Route_WhenTheIdIsNotAGuid_ShouldReturn404(string method, string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);

        var response = await _client.SendAuthorizedAsync(new HttpMethod(method), $"{AdminApi.Users}/{path}", admin.Tokens.AccessToken, new { roles = new[] { "user" } }, ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync(ct));
    }

    private Task<HttpResponseMessage> SendAsync(string route, string? accessToken, Guid id, CancellationToken ct) => route switch
    {
        "update" => _client.UpdateUserAsync(accessToken, id, new { full_name = "Changed By Someone", email_verified = true }, ct),
        "delete" => _client.DeleteUserAsync(accessToken, id, ct),
        "activate" => _client.ActivateUserAsync(accessToken, id, ct),
        "deactivate" => _client.DeactivateUserAsync(accessToken, id, ct),
        "roles" => _client.ReplaceRolesAsync(accessToken, id, new[] { "admin" }, ct),
        "sessions" => _client.RevokeUserSessionsAsync(accessToken, id, ct),
        "invitations" => _client.CreateInvitationAsync(accessToken, new { email = ApiClientExtensions.NewUser().Email, roles = new[] { "admin" } }, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };

    /// <summary>The target still exists, is active, keeps its session, name, verification and roles.</summary>
    private async Task ShouldBeUntouchedAsync(SignedIn target, CancellationToken ct)
    {
        var live = await _client.ShouldBeLiveAsync(target.Tokens, "a refused admin call ends no session", ct);
        var me = await _client.GetMeBodyAsync(live.AccessToken, ct);
        me.Id.Should().Be(target.Id);
        me.IsActive.Should().BeTrue();
        me.FullName.Should().BeNull();
        me.EmailVerified.Should().BeFalse();
        me.Roles.Should().Equal("user");
    }
}
