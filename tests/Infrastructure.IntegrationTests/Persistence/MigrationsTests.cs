using CleanAuth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

public sealed class MigrationsTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Migrate_WhenAppliedToAnEmptyDatabase_ShouldApplyEverySetAndLeaveNoModelChangeWithoutMigration(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();

        db.Should().BeOfType(provider == TestProvider.Sqlite ? typeof(SqliteCleanAuthDbContext) : typeof(PostgresCleanAuthDbContext));
        (await db.Database.GetPendingMigrationsAsync(ct)).Should().BeEmpty();
        (await db.Database.GetAppliedMigrationsAsync(ct)).Should().Equal(db.Database.GetMigrations());
        db.Database.HasPendingModelChanges().Should().BeFalse("every model change needs its migration, for each provider");
        (await db.Users.CountAsync(ct)).Should().Be(0);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Migrate_WhenRunTwice_ShouldBeANoOp(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);

        await host.Services.MigrateDatabaseAsync(ct);

        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();
        (await db.Database.GetPendingMigrationsAsync(ct)).Should().BeEmpty();
    }
}
