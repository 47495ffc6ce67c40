using System.Net;
using CleanAuth.Domain.Auditing;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Auditing;

/// <summary>
/// Each admin action writes one audit entry about the account it changed (<c>user_id</c>) by the admin who called
/// (<c>actor_id</c>), from the request's address, user agent and trace id; an answer that changes nothing, or a refusal,
/// records nothing but an <c>access.denied</c> for a caller without the permission.
/// </summary>
public sealed class AdminAuditTests : IClassFixture<AuditedApi>
{
    private readonly AuditedApi _host;
    private readonly HttpClient _client;
    private readonly TracingHandler _trace;

    public AdminAuditTests(AuditedApi host)
    {
        _host = host;
        (_client, _trace) = host.CreateTracedClient();
    }

    [Fact]
    public async Task Update_ShouldRecordUserUpdatedWithTheChangedFieldsByTheAdmin()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, target) = await AdminAndTargetAsync(ct);

        (await _client.UpdateUserAsync(admin.Tokens.AccessToken, target.Id, new { full_name = "Renamed By Admin", email_verified = true }, ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(
            AuditEventType.UserUpdated, target.Id, admin.Id, _trace.LastTraceId, """{"fields":["full_name","email_verified"]}""");
    }

    [Fact]
    public async Task Update_WhenNothingChanges_ShouldRecordNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, target) = await AdminAndTargetAsync(ct);

        (await _client.UpdateUserAsync(admin.Tokens.AccessToken, target.Id, new { username = target.User.Username }, ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        (await AuditTrail.OfRequestAsync(_host.Factory, _trace.LastTraceId, ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task DeactivateThenActivate_ShouldRecordOneEntryEach_AndRepeatsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, target) = await AdminAndTargetAsync(ct);

        await (await _client.DeactivateUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);
        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.UserDeactivated, target.Id, admin.Id, _trace.LastTraceId);
        await (await _client.DeactivateUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);
        (await AuditTrail.OfRequestAsync(_host.Factory, _trace.LastTraceId, ct)).Should().BeEmpty("nothing changed");

        await (await _client.ActivateUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);
        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.UserActivated, target.Id, admin.Id, _trace.LastTraceId);
        await (await _client.ActivateUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);
        (await AuditTrail.OfRequestAsync(_host.Factory, _trace.LastTraceId, ct)).Should().BeEmpty("nothing changed");
    }

    [Fact]
    public async Task ReplaceRoles_ShouldRecordTheOldAndNewRoles()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, target) = await AdminAndTargetAsync(ct);

        (await _client.ReplaceRolesAsync(admin.Tokens.AccessToken, target.Id, new[] { "user", "guest" }, ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(
            AuditEventType.RolesChanged, target.Id, admin.Id, _trace.LastTraceId, """{"old_roles":["user"],"new_roles":["guest","user"]}""");
    }

    [Fact]
    public async Task ForceLogout_ShouldRecordOneLogoutAllByTheAdmin()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, target) = await AdminAndTargetAsync(ct);
        await _client.LoginTokensAsync(target.User, ct);

        await (await _client.RevokeUserSessionsAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.LogoutAll, target.Id, admin.Id, _trace.LastTraceId);
    }

    [Fact]
    public async Task Delete_ShouldRecordUserDeletedByTheAdmin_AndKeepTheAccountsEarlierEntries()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, target) = await AdminAndTargetAsync(ct);

        await (await _client.DeleteUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.UserDeleted, target.Id, admin.Id, _trace.LastTraceId);
        (await AuditTrail.AboutAsync(_host.Factory, target.Id, ct)).Select(e => e.EventType)
            .Should().Contain([AuditEventType.UserRegistered, AuditEventType.LoginSucceeded, AuditEventType.UserDeleted], "entries outlive the account");
    }

    [Fact]
    public async Task Invitation_ShouldRecordItsEmailAndRolesByTheAdminAboutNobody()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await _host.Factory.SignInNewAdminAsync(_client, ct);
        var email = ApiClientExtensions.NewUser().Email;

        (await _client.CreateInvitationAsync(admin.Tokens.AccessToken, new { email, roles = new[] { "guest" } }, ct)).StatusCode.Should().Be(HttpStatusCode.Created);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(
            AuditEventType.InvitationCreated, null, admin.Id, _trace.LastTraceId, $$"""{"email":"{{email}}","roles":["guest"]}""");
    }

    [Fact]
    public async Task AnAdminRoute_WithoutThePermission_ShouldRecordAccessDeniedNamingIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _host.Factory.SignInNewUserAsync(_client, ct);

        (await _client.DeleteUserAsync(user.Tokens.AccessToken, Guid.NewGuid(), ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(
            AuditEventType.AccessDenied, user.Id, user.Id, _trace.LastTraceId, """{"permission":"users:delete"}""");
    }

    [Fact]
    public async Task AGuardedChange_ShouldRecordNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await _host.Factory.SignInNewAdminAsync(_client, ct);

        (await _client.DeactivateUserAsync(admin.Tokens.AccessToken, admin.Id, ct)).StatusCode.Should().Be(HttpStatusCode.Conflict);

        (await AuditTrail.OfRequestAsync(_host.Factory, _trace.LastTraceId, ct)).Should().BeEmpty("a refused change records nothing");
    }

    private async Task<(SignedIn Admin, SignedIn Target)> AdminAndTargetAsync(CancellationToken ct) =>
        (await _host.Factory.SignInNewAdminAsync(_client, ct), await _host.Factory.SignInNewUserAsync(_client, ct));

    private async Task<AuditLogEntry> OnlyEntryOfLastRequestAsync(CancellationToken ct) =>
        (await AuditTrail.OfRequestAsync(_host.Factory, _trace.LastTraceId, ct)).Should().ContainSingle("one entry per action").Subject;
}
