using System.Net;
using CleanAuth.Domain.Authorization;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using static CleanAuth.WebApi.FunctionalTests.Infrastructure.AdminReadApi;

namespace CleanAuth.WebApi.FunctionalTests.Admin;

/// <summary>
/// Who may read through the admin routes: the permission is checked first (403 FORBIDDEN, one body whatever the id or
/// the parameters), no token is 401, an id that is not a GUID matches no route, and other methods are 405.
/// </summary>
public sealed class AdminAccessTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    /// <summary>Every admin read route; {id} is an existing account's id, {unknown} an id nobody has.</summary>
    private static readonly string[] s_routes =
    [
        UsersPath, UsersPath + "?page=0&sort_by=password_hash", UsersPath + "/{id}", UsersPath + "/{unknown}", RolesPath, StatsPath, AuditLogPath,
        AuditLogPath + "?user_id={id}", AuditLogPath + "?from=yesterday",
    ];

    [Theory]
    [InlineData(RoleName.User)]
    [InlineData(RoleName.Guest)]
    public async Task AdminRoutes_WhenTheCallerLacksThePermission_ShouldAnswer403ForbiddenBeforeAnythingElse(string role)
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, tokens) = await api.Factory.SignedInWithRolesAsync(_client, [role], ct);
        var (_, otherId, _) = await api.Factory.SignedInWithRolesAsync(_client, [RoleName.User], ct);

        var bodies = new List<string>();
        foreach (var route in s_routes)
        {
            var path = route.Replace("{id}", otherId.ToString(), StringComparison.Ordinal).Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
            var response = await _client.SendAuthorizedAsync(HttpMethod.Get, path, tokens.AccessToken, cancellationToken: ct);
            bodies.Add(ApiClientExtensions.WithoutTraceId(await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct)));
        }

        bodies.Distinct().Should().ContainSingle("nothing tells an existing id from an unknown one, or a valid parameter from an invalid one");
    }

    [Fact]
    public async Task AdminRoutes_WhenNoTokenIsSent_ShouldAnswer401InvalidToken()
    {
        var ct = TestContext.Current.CancellationToken;

        foreach (var route in s_routes)
        {
            var path = route.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
            await (await _client.GetAsync(path, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        }

        await (await _client.GetAsync(SecurityEventsPath, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
    }

    [Fact]
    public async Task AdminRoutes_WhenTheCallerIsAnAdmin_ShouldAnswer200()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, adminId, admin) = await api.Factory.SignedInAdminAsync(_client, ct);

        foreach (var path in new[] { UsersPath, $"{UsersPath}/{adminId}", RolesPath, StatsPath, AuditLogPath })
        {
            var response = await _client.SendAuthorizedAsync(HttpMethod.Get, path, admin.AccessToken, cancellationToken: ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        }
    }

    [Fact]
    public async Task GetUser_WhenTheIdIsUnknownOrNotAGuid_ShouldAnswer404()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, admin) = await api.Factory.SignedInAdminAsync(_client, ct);

        await (await _client.SendAuthorizedAsync(HttpMethod.Get, $"{UsersPath}/{Guid.NewGuid()}", admin.AccessToken, cancellationToken: ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "USER_NOT_FOUND", ct);
        await (await _client.SendAuthorizedAsync(HttpMethod.Get, $"{UsersPath}/not-a-guid", admin.AccessToken, cancellationToken: ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND", ct);
        await (await _client.SendAuthorizedAsync(HttpMethod.Get, $"{UsersPath}/42", admin.AccessToken, cancellationToken: ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND", ct);
    }

    [Theory]
    [InlineData("POST", AuditLogPath)]
    [InlineData("DELETE", AuditLogPath)]
    [InlineData("PUT", AuditLogPath)]
    [InlineData("PATCH", AuditLogPath)]
    [InlineData("POST", StatsPath)]
    [InlineData("DELETE", RolesPath)]
    [InlineData("POST", SecurityEventsPath)]
    public async Task ReadRoutes_WhenCalledWithAnotherMethod_ShouldAnswer405(string method, string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, admin) = await api.Factory.SignedInAdminAsync(_client, ct);

        var response = await _client.SendAuthorizedAsync(new HttpMethod(method), path, admin.AccessToken, cancellationToken: ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED", ct);
        response.Content.Headers.Allow.Should().Contain("GET");
    }

    [Fact]
    public async Task Roles_ShouldListEveryRoleWithItsPermissionsBothSorted()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, admin) = await api.Factory.SignedInAdminAsync(_client, ct);

        var roles = await _client.GetOkAsync<Role[]>(RolesPath, admin.AccessToken, ct);

        roles.Select(r => r.Name).Should().Equal("admin", "guest", "user");
        roles[1].Permissions.Should().Equal("account:read_self");
        roles[2].Permissions.Should().Equal("account:manage_self", "account:read_self");
        roles[0].Permissions.Should().Equal(
            "account:manage_self", "account:read_self", "audit:read", "invitations:create", "roles:assign", "roles:read", "sessions:revoke",
            "stats:read", "users:delete", "users:read", "users:write");
    }
}
