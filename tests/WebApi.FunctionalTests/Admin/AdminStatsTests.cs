using System.Text.Json;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Sessions;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using static CleanAuth.WebApi.FunctionalTests.Infrastructure.AdminReadApi;

namespace CleanAuth.WebApi.FunctionalTests.Admin;

/// <summary>
/// GET /api/v1/admin/stats on a database of its own, with the start-up admin. The figures are compared before and after
/// seeding accounts, sessions and audit entries, so entries the app itself records (the admin's login) do not matter.
/// </summary>
public sealed class AdminStatsTests
{
    private static readonly string[] s_figures =
        ["total_users", "active_users", "verified_users", "admins", "active_sessions", "registrations_24h", "logins_24h", "failed_logins_24h"];

    [Fact]
    public async Task Stats_ShouldCountAccountsActiveAdminsLiveSessionsAndTheLast24HoursOfTheAuditLog()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = ApiClientExtensions.NewUser();
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?>
        {
            ["Admin:Email"] = admin.Email,
            ["Admin:Password"] = admin.Password,
            ["Admin:Username"] = admin.Username,
        });
        var client = isolated.CreateClient();
        var tokens = await client.LoginTokensAsync(admin, ct);
        var before = await FiguresAsync(client, tokens.AccessToken, ct);
        before["total_users"].Should().Be(1, "the start-up admin is the only account");
        before["admins"].Should().Be(1);
        before["active_sessions"].Should().Be(1, "the admin's own session");

        var now = DateTime.UtcNow;
        var activeAdmin = NewAccount("stats.admin@example.com", "statsadmin", now.AddDays(-10), verified: true, roles: [RoleName.Admin, RoleName.User]);
        var inactiveAdmin = NewAccount("stats.former@example.com", "statsformer", now.AddDays(-10), verified: true, roles: [RoleName.Admin], active: false);
        var activeUnverified = NewAccount("stats.new@example.com", "statsnew", now.AddDays(-10));
        var inactiveUnverified = NewAccount("stats.gone@example.com", "statsgone", now.AddDays(-10), active: false);
        await isolated.Factory.AddUsersAsync(ct, activeAdmin, inactiveAdmin, activeUnverified, inactiveUnverified);
        var revoked = NewSession(activeAdmin.Id, now.AddHours(-1), TimeSpan.FromDays(30), TimeSpan.FromDays(7));
        revoked.Revoke(SessionRevocationReason.Logout, now.AddMinutes(-30));
        await isolated.Factory.AddSessionsAsync(ct,
            NewSession(activeAdmin.Id, now.AddHours(-1), TimeSpan.FromDays(30), TimeSpan.FromDays(7)),
            NewSession(activeUnverified.Id, now.AddDays(-6), TimeSpan.FromDays(30), TimeSpan.FromDays(7)),
            revoked,
            NewSession(activeUnverified.Id, now.AddDays(-40), TimeSpan.FromDays(30), TimeSpan.FromDays(30)),
            NewSession(activeAdmin.Id, now.AddDays(-3), TimeSpan.FromDays(30), TimeSpan.FromDays(1)));
        await isolated.Factory.AddAuditEntriesAsync(ct,
            Entry(AuditEventType.UserRegistered, now.AddHours(-1)),
            Entry(AuditEventType.UserRegistered, now.AddHours(-23)),
            Entry(AuditEventType.UserRegistered, now.AddHours(-25)),
            Entry(AuditEventType.LoginSucceeded, now.AddMinutes(-5)),
            Entry(AuditEventType.LoginSucceeded, now.AddDays(-3)),
            Entry(AuditEventType.LoginFailed, now.AddMinutes(-1)),
            Entry(AuditEventType.LoginFailed, now.AddMinutes(-2)),
            Entry(AuditEventType.LoginFailed, now.AddHours(-12)),
            Entry(AuditEventType.LoginFailed, now.AddHours(-24.5)),
            Entry(AuditEventType.LoginThrottled, now.AddMinutes(-3)),
            Entry(AuditEventType.AccessDenied, now.AddMinutes(-3)));

        var after = await FiguresAsync(client, tokens.AccessToken, ct);

        s_figures.ToDictionary(f => f, f => after[f] - before[f]).Should().Equal(new Dictionary<string, int>
        {
            ["total_users"] = 4,
            ["active_users"] = 2,
            ["verified_users"] = 2,
            ["admins"] = 1,
            ["active_sessions"] = 2,
            ["registrations_24h"] = 2,
            ["logins_24h"] = 1,
            ["failed_logins_24h"] = 3,
        }, "inactive accounts count as accounts and as verified ones; an inactive admin is not an admin; revoked, expired and idle sessions are not live; entries older than 24 hours and other event types do not count");
    }

    /// <summary>The figures by their JSON names: exactly the documented ones, each a number.</summary>
    private static async Task<Dictionary<string, int>> FiguresAsync(HttpClient client, string accessToken, CancellationToken ct)
    {
        var body = await client.GetOkAsync<JsonElement>(StatsPath, accessToken, ct);
        body.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(s_figures);
        return body.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
    }

    private static AuditLogEntry Entry(string eventType, DateTime at) => AuditLogEntry.Record(eventType, at, Guid.NewGuid(), null, null, null, null);
}
