using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Paging;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The counts the database keeps by trigger (ADR-016) against counting the tables themselves, on both providers: after
/// each kind of change, under concurrent writers, and when the migration starts them on a database that has rows.
/// </summary>
public sealed class ListCountsTests
{
    private static readonly DateTime s_now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task GetAsync_AfterEachKindOfChange_ShouldEqualCountingTheTables(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        (await KeptAsync(host, ct)).Should().BeEquivalentTo(await CountedAsync(host, ct), "an empty database counts nothing");

        var admin = NewUser("ada", verified: true, roles: [RoleName.Admin, RoleName.User]);
        var user = NewUser("bob");
        var guest = NewUser("gus", roles: [RoleName.Guest]);
        await host.InUnitOfWorkAsync(services => Add(services, admin, user, guest), ct);
        await ShouldMatchAsync(host, "three accounts added in one statement", ct);

        await host.InUnitOfWorkAsync(services => services.GetRequiredService<IAuditLogRepository>().Add(
            AuditLogEntry.Record(AuditEventType.LoginFailed, s_now, null, null, null, null, null)), ct);
        await ShouldMatchAsync(host, "an audit entry of its own", ct);

        await host.ChangeUserAsync(user.Id, u => u.RecordLogin(s_now.AddMinutes(1)), ct);
        await ShouldMatchAsync(host, "a login changes no count", ct);
        await host.ChangeUserAsync(user.Id, u => u.Deactivate(s_now.AddMinutes(2)), ct);
        await ShouldMatchAsync(host, "a deactivation", ct);
        await host.ChangeUserAsync(user.Id, u => u.MarkEmailVerified(s_now.AddMinutes(3)), ct);
        await ShouldMatchAsync(host, "a verification", ct);
        await host.ChangeUserAsync(user.Id, u => u.Activate(s_now.AddMinutes(4)), ct);
        await ShouldMatchAsync(host, "an activation", ct);
        await host.ChangeUserAsync(guest.Id, u => u.ReplaceRoles([RoleName.User, RoleName.Admin], s_now.AddMinutes(5)), ct);
        await ShouldMatchAsync(host, "a role change", ct);

        await host.InUnitOfWorkAsync(async services =>
        {
            var users = services.GetRequiredService<IUserRepository>();
            users.Remove((await users.GetByIdAsync(admin.Id, ct))!);
            return 0;
        }, ct);
        await ShouldMatchAsync(host, "a deletion, with its roles", ct);

        var kept = await KeptAsync(host, ct);
        (kept.Users, kept.ActiveUsers, kept.VerifiedUsers).Should().Be((2, 2, 1));
        kept.HoldersOf(RoleName.Admin).Should().Be(1);
        kept.HoldersOf(RoleName.Guest).Should().Be(0);
        kept.HoldersOf("unknown").Should().Be(0);
    }

    [Fact]
    public async Task GetAsync_AfterConcurrentRegistrationsChangesAndDeletions_ShouldEqualCountingTheTablesWithNoWriterFailing()
    {
        // PostgreSQL runs writers side by side: registrations lock the counts of users before those of roles, deletions
        // the other way round; the triggers' one lock keeps them from deadlocking.
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(TestProvider.Postgres);
        var existing = Enumerable.Range(0, 12).Select(i => NewUser($"old{i}", verified: i % 2 == 0)).ToArray();
        await host.InUnitOfWorkAsync(services => Add(services, existing), ct);

        var writers = new List<Task>();
        for (var i = 0; i < 12; i++)
        {
            var index = i;
            writers.Add(Task.Run(() => host.InUnitOfWorkAsync(services => Add(services, NewUser($"new{index}", roles: [RoleName.User, RoleName.Guest])), ct), ct));
            writers.Add(Task.Run(
                () => host.InUnitOfWorkAsync(async services =>
                {
                    var users = services.GetRequiredService<IUserRepository>();
                    var user = (await users.GetByIdAsync(existing[index].Id, ct))!;
                    if (index % 3 == 0)
                    {
                        users.Remove(user);
                    }
                    else
                    {
                        user.Deactivate(s_now.AddMinutes(1));
                        user.ReplaceRoles([RoleName.Admin], s_now.AddMinutes(1));
                    }

                    return 0;
                }, ct),
                ct));
        }

        await Task.WhenAll(writers);

        await ShouldMatchAsync(host, "after 24 concurrent writers", ct);
        (await KeptAsync(host, ct)).Users.Should().Be(12 + 12 - 4);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Migration_WhenTheDatabaseAlreadyHasRows_ShouldStartTheCountsFromThem(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider, migrate: false);
        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();
            var migrations = db.Database.GetMigrations().ToList();
            var listCounts = migrations.FindIndex(m => m.EndsWith("_ListCounts", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(migrations[listCounts - 1], ct);
        }

        await host.InUnitOfWorkAsync(services => Add(services, NewUser("early", verified: true, roles: [RoleName.Admin]), NewUser("later")), ct);
        await host.Services.MigrateDatabaseAsync(ct);

        await ShouldMatchAsync(host, "the migration counts the rows already there", ct);
        (await KeptAsync(host, ct)).Users.Should().Be(2);
    }

    private static void Add(IServiceProvider services, params User[] users)
    {
        var repository = services.GetRequiredService<IUserRepository>();
        foreach (var user in users)
        {
            repository.Add(user);
        }
    }

    private static async Task ShouldMatchAsync(InfrastructureHost host, string because, CancellationToken ct)
    {
        // A role or event type whose rows are all gone keeps a row counting 0; counting the table does not list it.
        var kept = await KeptAsync(host, ct);
        kept = kept with
        {
            RoleHolders = kept.RoleHolders.Where(r => r.Value != 0).ToDictionary(),
            AuditEntries = kept.AuditEntries.Where(e => e.Value != 0).ToDictionary(),
        };
        kept.Should().BeEquivalentTo(await CountedAsync(host, ct), because);
    }

    private static Task<ListCounts> KeptAsync(InfrastructureHost host, CancellationToken ct) =>
        host.ReadAsync(services => services.GetRequiredService<IListCounts>().GetAsync(ct));

    private static Task<ListCounts> CountedAsync(InfrastructureHost host, CancellationToken ct) =>
        host.QueryAsync(async db =>
        {
            var users = await db.Users.AsNoTracking().ToListAsync(ct);
            var audit = await db.AuditLog.AsNoTracking().Select(e => e.EventType).ToListAsync(ct);
            return new ListCounts(
                users.Count,
                users.Count(u => u.IsActive),
                users.Count(u => u.EmailVerified),
                users.SelectMany(u => u.RoleNames).GroupBy(r => r).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal),
                audit.GroupBy(t => t).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal));
        });

    private static User NewUser(string name, bool verified = false, string[]? roles = null) =>
        User.Register(Email.Create($"{name}@example.com"), Username.Create(name), null, HostScopes.StoredHash, s_now, verified, roles);
}
