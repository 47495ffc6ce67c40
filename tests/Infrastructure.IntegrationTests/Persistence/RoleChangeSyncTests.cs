using CleanAuth.Application.Common.Events;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Security.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// How an instance learns of role changes and deleted accounts (ADR-006): from its own commits at once, and from the
/// database at start-up and on each poll (changes made by other instances), on both providers.
/// </summary>
public sealed class RoleChangeSyncTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task RoleChange_WhenCommitted_ShouldApplyOnThisInstanceAtOnce_AndBeLoadedByANewInstanceAtStartUp(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var user = HostScopes.NewUser(DateTime.UtcNow);
        await host.AddUsersAsync(ct, user);
        var registry = host.Services.GetRequiredService<RoleChangeRegistry>();
        registry.TryGet(user.Id, out _).Should().BeFalse("a new account's tokens carry its roles");

        var changedAt = await ReplaceRolesAsync(host, user.Id, ["user", "admin"], ct);

        registry.TryGet(user.Id, out var local).Should().BeTrue("the commit itself publishes the change");
        local!.Roles.Should().Equal("admin", "user");
        local.Version.Should().Be(changedAt);

        var (fresh, sync) = NewInstance(host);
        await sync.SyncOnceAsync(ct);

        fresh.TryGet(user.Id, out var loaded).Should().BeTrue("a restarted or second instance learns it from the database");
        loaded!.Roles.Should().Equal("admin", "user");
        loaded.Version.Should().BeCloseTo(changedAt, TimeSpan.FromMilliseconds(1), "the version is users.roles_changed_at");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Poll_ShouldPickUpChangesCommittedElsewhereSinceTheLastPoll_WithTheUsersCurrentRoles(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var user = HostScopes.NewUser(DateTime.UtcNow);
        var bystander = HostScopes.NewUser(DateTime.UtcNow);
        await host.AddUsersAsync(ct, user, bystander);
        var (other, sync) = NewInstance(host);
        await sync.SyncOnceAsync(ct);
        other.Count.Should().Be(0);

        await ReplaceRolesAsync(host, user.Id, ["guest"], ct);
        await ReplaceRolesAsync(host, user.Id, ["admin", "user"], ct);
        await sync.SyncOnceAsync(ct);

        other.TryGet(user.Id, out var change).Should().BeTrue();
        change!.Roles.Should().Equal("admin", "user");
        other.TryGet(bystander.Id, out _).Should().BeFalse("only users whose roles changed are listed");
        other.Count.Should().Be(1);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Poll_WhenThisInstanceAlreadyHoldsANewerVersion_ShouldNotUndoIt(TestProvider provider)
    {
        // The poll read the database just before this instance committed a newer change, and applies its result after.
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var user = HostScopes.NewUser(DateTime.UtcNow);
        await host.AddUsersAsync(ct, user);
        var changedAt = await ReplaceRolesAsync(host, user.Id, ["admin", "user"], ct);
        var (other, sync) = NewInstance(host);
        other.SetRoles(user.Id, ["guest"], changedAt.AddMilliseconds(5));

        await sync.SyncOnceAsync(ct);

        other.TryGet(user.Id, out var change).Should().BeTrue();
        change!.Roles.Should().Equal("guest");
        change.Version.Should().Be(changedAt.AddMilliseconds(5));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Deletion_ShouldApplyOnThisInstanceAtOnce_AndReachOthersFromTheAuditLog_ButNotForAnAccountItsOwnerDeleted(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var deleted = HostScopes.NewUser(DateTime.UtcNow);
        var selfDeleted = HostScopes.NewUser(DateTime.UtcNow);
        await host.AddUsersAsync(ct, deleted, selfDeleted);
        var (other, sync) = NewInstance(host);
        await sync.SyncOnceAsync(ct);

        // An administrator's hard deletion, as the use case commits it: the row goes, the event and its audit entry stay.
        var deletedAt = DateTime.UtcNow;
        await host.InUnitOfWorkAsync(
            async services =>
            {
                var db = services.GetRequiredService<CleanAuthDbContext>();
                db.Users.Remove(await db.Users.SingleAsync(u => u.Id == deleted.Id, ct));
                services.GetRequiredService<PendingEvents>().Raise(new UserDeletedEvent(deleted.Id, deletedAt));
                services.GetRequiredService<IAuditLogRepository>().Add(AuditLogEntry.Record(AuditEventType.UserDeleted, deletedAt, deleted.Id, Guid.NewGuid(), null, null, null));
                return 0;
            },
            ct);

        // An owner's deletion keeps the (deactivated) row and records the same event type; its sessions end as revocations.
        await host.InUnitOfWorkAsync(
            async services =>
            {
                var user = await services.GetRequiredService<IUserRepository>().GetByIdAsync(selfDeleted.Id, ct);
                user!.DeleteAccount(DateTime.UtcNow);
                services.GetRequiredService<IAuditLogRepository>().Add(AuditLogEntry.Record(AuditEventType.UserDeleted, DateTime.UtcNow, selfDeleted.Id, selfDeleted.Id, null, null, null));
                return 0;
            },
            ct);

        var local = host.Services.GetRequiredService<RoleChangeRegistry>();
        local.TryGet(deleted.Id, out var here).Should().BeTrue("the commit itself publishes the deletion");
        here!.IsDeleted.Should().BeTrue();

        await sync.SyncOnceAsync(ct);

        other.TryGet(deleted.Id, out var there).Should().BeTrue("other instances learn it from the audit log: the row and its sessions are gone");
        there!.IsDeleted.Should().BeTrue();
        there.Version.Should().BeCloseTo(deletedAt, TimeSpan.FromMilliseconds(1));
        other.TryGet(selfDeleted.Id, out _).Should().BeFalse("an account its owner deleted may be activated again; its sessions were revoked");
    }

    private static (RoleChangeRegistry Registry, RoleChangeSync Sync) NewInstance(InfrastructureHost host)
    {
        var registry = new RoleChangeRegistry(host.Services.GetRequiredService<IOptions<JwtOptions>>(), TimeProvider.System);
        return (registry, ActivatorUtilities.CreateInstance<RoleChangeSync>(host.Services, registry));
    }

    private static async Task<DateTime> ReplaceRolesAsync(InfrastructureHost host, Guid userId, string[] roles, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        await host.InUnitOfWorkAsync(
            async services =>
            {
                var user = await services.GetRequiredService<IUserRepository>().GetByIdAsync(userId, ct);
                user!.ReplaceRoles(roles, now).Should().BeTrue();
                return 0;
            },
            ct);
        return now;
    }
}
