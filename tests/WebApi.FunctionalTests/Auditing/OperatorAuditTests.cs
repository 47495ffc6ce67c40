using System.Net;
using System.Text.Json.Nodes;
using CleanAuth.Domain.Auditing;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using CleanAuth.WebApi.FunctionalTests.Lifecycle;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.FunctionalTests.Auditing;

/// <summary>
/// What the operator does (the start-up admin, the <c>create-admin</c> and <c>invite</c> verbs) is recorded with no actor
/// and no request context; an account registered with an invitation is its own actor; a guest's refused change is an
/// <c>access.denied</c> about and by the guest; every 403 of a login is a <c>login.failed</c>.
/// </summary>
public sealed class OperatorAuditTests : IClassFixture<AuditedApi>
{
    private readonly AuditedApi _host;
    private readonly HttpClient _client;
    private readonly TracingHandler _trace;

    public OperatorAuditTests(AuditedApi host)
    {
        _host = host;
        (_client, _trace) = host.CreateTracedClient();
    }

    [Fact]
    public async Task Start_WithAdminSettings_ShouldRecordTheBootstrapAsTheAdminsOneEntryWithNoActor_AndNothingWhenItExists()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = ApiClientExtensions.NewUser();
        Dictionary<string, string?> settings = new() { ["Admin:Email"] = admin.Email, ["Admin:Username"] = admin.Username, ["Admin:Password"] = admin.Password };
        await using var isolated = await ApiFixture.StartIsolatedAsync(settings);
        using var client = isolated.CreateClient();

        var entries = await AuditTrail.ReadAsync(isolated.Factory, _ => true, ct);

        var entry = entries.Should().ContainSingle("the admin's creation is one admin.bootstrapped, not also a user.registered").Subject;
        var me = await client.GetMeBodyAsync((await client.LoginTokensAsync(admin, ct)).AccessToken, ct);
        entry.ShouldRecord(AuditEventType.AdminBootstrapped, me.Id, null, traceId: null, """{"source":"configuration"}""");

        await using (var again = new CleanAuthApiFactory(isolated.Database.ConnectionString, settings))
        {
            using var started = again.CreateClient();
        }

        (await AuditTrail.ReadAsync(isolated.Factory, e => e.EventType == AuditEventType.AdminBootstrapped, ct))
            .Should().ContainSingle("a start-up that finds the admin there changes and records nothing");
    }

    [Fact]
    public async Task CreateAdmin_ShouldRecordTheBootstrapFromTheCommandLineAsTheAdminsOneEntryWithNoActor()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = ApiClientExtensions.NewUser();

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(
            AdminBootstrapTests.Environment(_host.Api.Database.ConnectionString), ["create-admin", "--email", admin.Email, "--username", admin.Username], ct,
            standardInput: admin.Password + "\n");

        exitCode.Should().Be(0, $"stdout:\n{stdout}\nstderr:\n{stderr}");
        var id = Guid.Parse(stdout.TrimEnd().Split('\n')[^1].Trim());
        (await AuditTrail.AboutAsync(_host.Factory, id, ct)).Should().ContainSingle().Which
            .ShouldRecord(AuditEventType.AdminBootstrapped, id, null, traceId: null, """{"source":"command_line"}""");
    }

    [Fact]
    public async Task Invitation_FromTheInviteVerb_ShouldRecordTheOperatorsInvitation_TheRegistrationByTheNewAccount_AndTheGuestsDeniedChange()
    {
        var ct = TestContext.Current.CancellationToken;
        var guest = ApiClientExtensions.NewUser();

        var invitation = await InvitationTests.InviteAsync(_host.Api, guest.Email, ["guest"], ct);

        var invited = (await AuditTrail.ReadAsync(_host.Factory, e => e.EventType == AuditEventType.InvitationCreated, ct))
            .Should().ContainSingle(e => InvitedEmail(e) == guest.Email).Subject;
        invited.ShouldRecord(AuditEventType.InvitationCreated, null, null, traceId: null, $$"""{"email":"{{guest.Email}}","roles":["guest"]}""");
        new[] { invited.Details }.Should().NotContain(d => d.Contains(invitation, StringComparison.Ordinal), "never the token");

        var registered = await _client.RegisterAsync(guest, invitation, ct);
        registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync(ct));
        var id = (await registered.ReadAsync<UserBody>(ct)).Id;
        (await AuditTrail.OfRequestAsync(_host.Factory, _trace.LastTraceId, ct)).Should().ContainSingle("the invitation proved the address: no verification mail")
            .Which.ShouldRecord(AuditEventType.UserRegistered, id, id, _trace.LastTraceId);

        var tokens = await _client.LoginTokensAsync(guest, ct);
        var problem = await (await _client.UpdateMeAsync(tokens.AccessToken, new { full_name = "Changed" }, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);

        var traceId = problem.GetProperty("trace_id").GetString();
        traceId.Should().Be(_trace.LastTraceId);
        (await AuditTrail.OfRequestAsync(_host.Factory, traceId!, ct)).Should().ContainSingle("the refusal alone is recorded, though the request failed")
            .Which.ShouldRecord(AuditEventType.AccessDenied, id, id, traceId, """{"permission":"account:manage_self"}""");
        (await _client.GetMeBodyAsync(tokens.AccessToken, ct)).FullName.Should().BeNull();
    }

    [Fact]
    public async Task Login_WhenTheEmailMustBeVerifiedAndIsNot_ShouldRecordThe403AsAFailure()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(
            new Dictionary<string, string?> { ["Auth:RequireVerifiedEmail"] = "true" },
            s => s.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(IPAddress.Parse(AuditedApi.ClientAddress))));
        var trace = new TracingHandler();
        using var client = isolated.Factory.CreateDefaultClient(trace);
        var user = ApiClientExtensions.NewUser();
        var registered = await client.RegisterAsync(user, ct);
        var id = (await registered.ReadAsync<UserBody>(ct)).Id;

        var problem = await (await client.LoginAsync(user, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED", ct);

        var traceId = problem.GetProperty("trace_id").GetString()!;
        traceId.Should().Be(trace.LastTraceId);
        (await AuditTrail.OfRequestAsync(isolated.Factory, traceId, ct)).Should().ContainSingle()
            .Which.ShouldRecord(AuditEventType.LoginFailed, id, null, traceId, """{"code":"EMAIL_NOT_VERIFIED"}""");
    }

    private static string? InvitedEmail(AuditLogEntry entry) => JsonNode.Parse(entry.Details)?["email"]?.GetValue<string>();
}
