using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Admin;

/// <summary><c>PUT /api/v1/admin/users/{id}/roles</c> (roles:assign): <c>{roles}</c>, non-empty and existing, replaces the set.</summary>
public sealed class AdminRolesTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ReplaceRoles_ShouldReplaceTheSetSortedAndTheNextTokenShouldCarryIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);

        var body = await (await _client.ReplaceRolesAsync(admin.Tokens.AccessToken, target.Id, new[] { "user", "admin", "user" }, ct)).ShouldBeAdminUserAsync(ct);

        body.Id.Should().Be(target.Id);
        body.Roles.Should().Equal("admin", "user");
        body.IsAdmin.Should().BeTrue();
        body.ActiveSessions.Should().Be(1, "a role change ends no session");
        var promoted = await _client.LoginTokensAsync(target.User, ct);
        Jwt.Payload(promoted.AccessToken).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().BeEquivalentTo(["admin", "user"]);
        await (await _client.ReplaceRolesAsync(promoted.AccessToken, admin.Id, new[] { "admin", "user" }, ct)).ShouldBeAdminUserAsync(ct);
    }

    [Fact]
    public async Task ReplaceRoles_WhenMakingAGuest_ShouldLetItLookButNotChangeAnything()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);

        var body = await (await _client.ReplaceRolesAsync(admin.Tokens.AccessToken, target.Id, new[] { "guest" }, ct)).ShouldBeAdminUserAsync(ct);

        body.Roles.Should().Equal("guest");
        var guest = await _client.LoginTokensAsync(target.User, ct);
        (await _client.GetMeBodyAsync(guest.AccessToken, ct)).Roles.Should().Equal("guest");
        await (await _client.UpdateMeAsync(guest.AccessToken, new { full_name = "Changed" }, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);
    }

    [Fact]
    public async Task ReplaceRoles_WhenTheSetIsTheSame_ShouldReturn200AndChangeNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);
        var before = await StoredAccount.ReadAsync(api.Factory, target.Id, ct);

        var body = await (await _client.ReplaceRolesAsync(admin.Tokens.AccessToken, target.Id, new[] { "user" }, ct)).ShouldBeAdminUserAsync(ct);

        body.Roles.Should().Equal("user");
        (await StoredAccount.ReadAsync(api.Factory, target.Id, ct)).Should().Be(before);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("null")]
    [InlineData("empty")]
    public async Task ReplaceRoles_WhenNoRolesAreGiven_ShouldReturn422OnRoles(string shape)
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);
        object body = shape switch
        {
            "missing" => new { },
            "null" => new { roles = (string[]?)null },
            _ => new { roles = Array.Empty<string>() },
        };

        var response = await _client.SendAuthorizedAsync(HttpMethod.Put, $"{AdminApi.Users}/{target.Id}/roles", admin.Tokens.AccessToken, body, ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Equal("roles");
    }

    [Fact]
    public async Task ReplaceRoles_WhenARoleDoesNotExist_ShouldReturn422NamingItAndKeepTheRoles()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);

        var response = await _client.ReplaceRolesAsync(admin.Tokens.AccessToken, target.Id, new[] { "user", "superadmin", "Admin" }, ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        var errors = problem.GetProperty("errors");
        errors.GetProperty("roles[1]")[0].GetString().Should().Be("'superadmin' is not a known role.");
        errors.GetProperty("roles[2]")[0].GetString().Should().Be("'Admin' is not a valid role name.");
        (await _client.GetMeBodyAsync(target.Tokens.AccessToken, ct)).Roles.Should().Equal("user");
    }

    [Fact]
    public async Task ReplaceRoles_WhenTheBodyIsAStringInsteadOfAList_ShouldReturn400()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);

        var response = await _client.ReplaceRolesAsync(admin.Tokens.AccessToken, target.Id, "admin", ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "MALFORMED_REQUEST", ct);
    }
}
