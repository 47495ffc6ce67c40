using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Persistence.Roles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>The migrations seed the roles table (issue 8's table, exactly), and the catalog loads it at start-up.</summary>
public sealed class RoleCatalogTests
{
    private static readonly string[] s_admin =
    [
        "account:read_self", "account:manage_self", "users:read", "users:write", "users:delete", "roles:read", "roles:assign",
        "sessions:revoke", "invitations:create", "stats:read", "audit:read",
    ];

    private static readonly Dictionary<string, string[]> s_expected = new(StringComparer.Ordinal)
    {
        ["guest"] = ["account:read_self"],
        ["user"] = ["account:read_self", "account:manage_self"],
        ["admin"] = s_admin,
    };

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Migrate_WhenAppliedToAnEmptyDatabase_ShouldSeedExactlyTheRolesTable(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();

        var roles = await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM roles").ToListAsync(ct);
        var grants = await db.Database.SqlQueryRaw<string>("SELECT role || ' ' || permission AS \"Value\" FROM role_permissions").ToListAsync(ct);

        roles.Should().BeEquivalentTo(s_expected.Keys);
        grants.Should().BeEquivalentTo(s_expected.SelectMany(r => r.Value.Select(p => $"{r.Key} {p}")));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Load_WhenTheDatabaseIsMigrated_ShouldHoldTheSeededTable(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);

        await host.Services.LoadRoleCatalogAsync(ct);

        var catalog = host.Services.GetRequiredService<RoleCatalog>();
        host.Services.GetRequiredService<IRoleCatalog>().Should().BeSameAs(catalog, "the port is the one singleton catalog");
        catalog.Snapshot.Keys.Should().BeEquivalentTo(s_expected.Keys);
        foreach (var (role, permissions) in s_expected)
        {
            catalog.Snapshot[role].Should().BeEquivalentTo(permissions, $"what {role} grants");
        }

        catalog.Exists("guest").Should().BeTrue();
        catalog.Exists("auditor").Should().BeFalse();
        catalog.Grants(["guest"], "account:read_self").Should().BeTrue();
        catalog.Grants(["guest"], "account:manage_self").Should().BeFalse();
        catalog.Grants(["auditor", "user"], "account:manage_self").Should().BeTrue();
        catalog.Grants(["user"], "users:read").Should().BeFalse();
        catalog.Grants([], "account:read_self").Should().BeFalse();
        catalog.Grants(["admin"], "users:manage").Should().BeFalse("users:manage is retired");
    }

    [Fact]
    public async Task List_WhenLoaded_ShouldGiveEveryRoleAndItsPermissionsBothSorted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(TestProvider.Sqlite);
        await host.Services.LoadRoleCatalogAsync(ct);

        var roles = host.Services.GetRequiredService<IRoleCatalog>().List();

        roles.Select(r => r.Name).Should().Equal("admin", "guest", "user");
        roles.Should().OnlyContain(r => r.Permissions.SequenceEqual(s_expected[r.Name].Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Grants_WhenNotLoaded_ShouldRefuseRatherThanDenyEverything()
    {
        var act = () => new RoleCatalog().Grants(["admin"], "users:read");

        act.Should().Throw<InvalidOperationException>().WithMessage("*not been loaded*");
    }

    [Fact]
    public async Task Grants_WhenLoaded_ShouldNotAllocate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(TestProvider.Sqlite);
        await host.Services.LoadRoleCatalogAsync(ct);
        var catalog = host.Services.GetRequiredService<RoleCatalog>();
        IReadOnlyList<string> roles = ["auditor", "user"];
        catalog.Grants(roles, "account:manage_self");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var granted = catalog.Grants(roles, "account:manage_self");
        var denied = catalog.Grants(roles, "users:delete");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        granted.Should().BeTrue();
        denied.Should().BeFalse();
        allocated.Should().Be(0);
    }
}
