using System.Diagnostics;
using System.Net;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using CleanAuth.WebApi.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.FunctionalTests.Users;

/// <summary>
/// A request is authorized by the caller's current roles, not the roles its access token was issued with (ADR-006): a
/// role change applies from the user's next request on the instance that made it, and on other instances within
/// <c>Jwt:RevocationSyncSeconds</c>, and ends no session; a deleted account's tokens stop likewise. The admin API that
/// changes roles and deletes accounts is not part of this slice: roles change here through the domain in a unit of work
/// on the app's own services (what the admin use case commits), and a deletion elsewhere as its commit leaves the
/// database (no row, a <c>user.deleted</c> audit entry).
/// </summary>
public sealed class CurrentRolesTests
{
    /// <summary>What the other instance is given beyond its poll interval: a poll and a request on a busy test machine.</summary>
    private static readonly TimeSpan s_slack = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan s_syncInterval = TimeSpan.FromSeconds(1);

    private static readonly Dictionary<string, string?> s_fastSync = new() { ["Jwt:RevocationSyncSeconds"] = "1" };

    [Fact]
    public async Task RoleChange_ShouldApplyFromTheNextRequestWithTheTokenIssuedBefore_AndEndNoSession()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(configureServices: s => s.AddAdminPermissionProbe());
        var client = isolated.CreateClient();
        var (_, tokens) = await client.RegisterAndLoginAsync(ct);
        var userId = (await client.GetMeBodyAsync(tokens.AccessToken, ct)).Id;
        await (await client.CreateInvitationThroughProbeAsync(tokens.AccessToken, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);

        await ReplaceRolesAsync(isolated.Factory, userId, ["admin", "user"], ct);

        (await client.CreateInvitationThroughProbeAsync(tokens.AccessToken, ct)).StatusCode.Should().Be(
            HttpStatusCode.Created, "the promotion applies from the next request, with the access token issued before it");
        Roles(tokens.AccessToken).Should().Equal(["user"], "the token itself still names the old roles");

        await ReplaceRolesAsync(isolated.Factory, userId, ["guest"], ct);

        await (await client.UpdateMeAsync(tokens.AccessToken, new { full_name = "Demoted" }, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);
        await (await client.CreateInvitationThroughProbeAsync(tokens.AccessToken, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);
        var me = await client.GetMeBodyAsync(tokens.AccessToken, ct);
        me.Roles.Should().Equal(["guest"]);
        me.FullName.Should().BeNull("the refused update changed nothing");
        (await client.ListSessionsAsync(tokens.AccessToken, ct)).Should().ContainSingle("a role change ends no session");

        var refreshed = await client.ShouldBeLiveAsync(tokens, "a role change ends no session", ct);

        Roles(refreshed.AccessToken).Should().Equal(["guest"], "a new token carries the current roles");
        await (await client.UpdateMeAsync(refreshed.AccessToken, new { full_name = "Demoted" }, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);
        (await client.GetMeAsync(refreshed.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_AfterARoleChange_ShouldIssueATokenWithTheCurrentRoles()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync();
        var client = isolated.CreateClient();
        var (user, tokens) = await client.RegisterAndLoginAsync(ct);

        await ReplaceRolesAsync(isolated.Factory, (await client.GetMeBodyAsync(tokens.AccessToken, ct)).Id, ["user", "admin"], ct);

        Roles((await client.LoginTokensAsync(user, ct)).AccessToken).Should().BeEquivalentTo(["admin", "user"]);
    }

    [Fact]
    public async Task Deletion_ShouldStopTheAccountsTokensAtTheNextRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync();
        var client = isolated.CreateClient();
        var (_, tokens) = await client.RegisterAndLoginAsync(ct);
        var userId = (await client.GetMeBodyAsync(tokens.AccessToken, ct)).Id;

        await DeleteAsync(isolated.Factory, userId, raiseEvent: true, ct);

        // The session list reads no user row: only the bearer check can refuse it.
        await (await client.GetSessionsAsync(tokens.AccessToken, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        await client.ShouldBeRevokedAsync(tokens, "the account, its sessions and their refresh tokens are gone", ct);
    }

    [Fact]
    public async Task RoleChange_OnAnotherInstance_ShouldApplyWithinTheSyncInterval_AndEndNoSession()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = await ApiFixture.StartIsolatedAsync(s_fastSync);
        var firstClient = first.CreateClient();
        await using var second = await RunningApp.StartAsync(ct, first.Database, new Dictionary<string, string> { ["Jwt__RevocationSyncSeconds"] = "1" });
        var (_, tokens) = await firstClient.RegisterAndLoginAsync(ct);
        var userId = (await firstClient.GetMeBodyAsync(tokens.AccessToken, ct)).Id;
        (await second.Client.UpdateMeAsync(tokens.AccessToken, new { full_name = "Before" }, ct)).StatusCode.Should().Be(HttpStatusCode.OK, second.Output);

        var changed = Stopwatch.StartNew();
        await ReplaceRolesAsync(first.Factory, userId, ["guest"], ct);

        await (await firstClient.UpdateMeAsync(tokens.AccessToken, new { full_name = "After" }, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);
        var elapsed = await EventuallyAsync(
            async () => (await second.Client.UpdateMeAsync(tokens.AccessToken, new { full_name = "Before" }, ct)).StatusCode == HttpStatusCode.Forbidden, changed, ct);
        elapsed.Should().BeLessThan(s_syncInterval + s_slack, "the other instance polls every Jwt:RevocationSyncSeconds");
        await (await second.Client.UpdateMeAsync(tokens.AccessToken, new { full_name = "After" }, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);
        (await second.Client.GetMeBodyAsync(tokens.AccessToken, ct)).Roles.Should().Equal(["guest"]);
        (await second.Client.ListSessionsAsync(tokens.AccessToken, ct)).Should().ContainSingle("a role change ends no session");
        var refreshed = await second.Client.ShouldBeLiveAsync(tokens, "a role change ends no session", ct);
        Roles(refreshed.AccessToken).Should().Equal(["guest"]);
    }

    [Fact]
    public async Task Deletion_OnAnotherInstance_ShouldStopTheAccountsTokensWithinTheSyncInterval()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = await ApiFixture.StartIsolatedAsync(s_fastSync);
        var firstClient = first.CreateClient();
        await using var second = await RunningApp.StartAsync(ct, first.Database, new Dictionary<string, string> { ["Jwt__RevocationSyncSeconds"] = "1" });
        var (_, tokens) = await firstClient.RegisterAndLoginAsync(ct);
        var (_, bystander) = await firstClient.RegisterAndLoginAsync(ct);
        var userId = (await firstClient.GetMeBodyAsync(tokens.AccessToken, ct)).Id;
        (await second.Client.ListSessionsAsync(tokens.AccessToken, ct)).Should().ContainSingle(second.Output);

        // Committed as another instance would: nothing is published to either app; both must find it in the database.
        var deleted = Stopwatch.StartNew();
        await DeleteAsync(first.Factory, userId, raiseEvent: false, ct);

        var elapsed = await EventuallyAsync(async () => (await second.Client.GetSessionsAsync(tokens.AccessToken, ct)).StatusCode == HttpStatusCode.Unauthorized, deleted, ct);
        elapsed.Should().BeLessThan(s_syncInterval + s_slack, "the other instance polls every Jwt:RevocationSyncSeconds");
        await (await second.Client.GetSessionsAsync(tokens.AccessToken, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        await EventuallyAsync(async () => (await firstClient.GetSessionsAsync(tokens.AccessToken, ct)).StatusCode == HttpStatusCode.Unauthorized, deleted, ct);
        (await second.Client.GetMeAsync(bystander.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "other accounts are not affected");
    }

    private static string[] Roles(string accessToken) =>
        Jwt.Payload(accessToken).GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray();

    /// <summary>Replaces the user's roles as the admin use case does: the domain method in a unit of work, as the operator.</summary>
    private static async Task ReplaceRolesAsync(CleanAuthApiFactory factory, Guid userId, string[] roles, CancellationToken ct)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<CallerScope>().ActAsOperator();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await services.GetRequiredService<IUnitOfWork>().ExecuteAsync(
            async () =>
            {
                var user = await services.GetRequiredService<IUserRepository>().GetByIdAsync(userId, ct);
                user!.ReplaceRoles(roles, now).Should().BeTrue();
                return 0;
            },
            ct);
    }

    /// <summary>
    /// Deletes the account's row (its roles, sessions and tokens go with it) and records <c>user.deleted</c> in the
    /// audit log, in one transaction; <paramref name="raiseEvent"/> also raises <see cref="UserDeletedEvent"/>, as the
    /// admin use case on this instance does (false: as another instance's commit looks from here).
    /// </summary>
    private static async Task DeleteAsync(CleanAuthApiFactory factory, Guid userId, bool raiseEvent, CancellationToken ct)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<CallerScope>().ActAsOperator();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await services.GetRequiredService<IUnitOfWork>().ExecuteAsync(
            async () =>
            {
                var db = services.GetRequiredService<CleanAuthDbContext>();
                (await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(ct)).Should().Be(1);
                services.GetRequiredService<IAuditLogRepository>().Add(AuditLogEntry.Record(AuditEventType.UserDeleted, now, userId, null, null, null, null));
                if (raiseEvent)
                {
                    services.GetRequiredService<PendingEvents>().Raise(new UserDeletedEvent(userId, now));
                }

                return 0;
            },
            ct);
    }

    /// <summary>Polls <paramref name="condition"/> every 50 ms until it holds (or fails after 20 s); the time since <paramref name="since"/> started.</summary>
    private static async Task<TimeSpan> EventuallyAsync(Func<Task<bool>> condition, Stopwatch since, CancellationToken ct)
    {
        while (!await condition())
        {
            since.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the other instance never applied the change");
            await Task.Delay(50, ct);
        }

        return since.Elapsed;
    }
}
