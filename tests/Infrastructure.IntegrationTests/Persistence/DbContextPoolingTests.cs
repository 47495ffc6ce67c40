using CleanAuth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>Contexts are leased from a pool (issue 10), and a lease comes back clean, with our settings in force.</summary>
public sealed class DbContextPoolingTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Lease_WhenAScopeEnds_ShouldReturnTheContextToThePoolResetWithSavepointsStillOff(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        CleanAuthDbContext first;
        await using (var scope = host.CreateScope())
        {
            first = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();
            first.Database.AutoSavepointsEnabled.Should().BeFalse("a failed save rolls the whole command back; a savepoint would only cost round trips");
            await first.Users.AsTracking().ToListAsync(ct);
            first.Users.Add(Domain.Users.User.Register(
                Domain.Users.Email.Create("pooled@example.com"), Domain.Users.Username.Create("pooled"), null, "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo", DateTime.UtcNow));
        }

        await using (var scope = host.CreateScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();
            second.Should().BeSameAs(first, "the context is pooled, not built per request");
            second.ChangeTracker.Entries().Should().BeEmpty("a lease starts with nothing tracked");
            second.Database.AutoSavepointsEnabled.Should().BeFalse();
            (await second.Users.CountAsync(ct)).Should().Be(0, "what the last lease left unsaved is gone");
        }
    }

    [Fact]
    public async Task Connection_ReturnedToThePoolInsideATransaction_ShouldBeRolledBackForTheNextLeaseWithoutTheSessionReset()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(TestProvider.Postgres);
        int backend;
        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();
            await db.Database.OpenConnectionAsync(ct);
            backend = await BackendAsync(db, ct);
            // A transaction neither EF nor Npgsql's transaction object knows of, left open when the lease ends.
            await db.Database.ExecuteSqlRawAsync("BEGIN; CREATE TABLE left_open (id integer); SET LOCAL statement_timeout = 1", ct);
        }

        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();
            await db.Database.OpenConnectionAsync(ct);
            (await BackendAsync(db, ct)).Should().Be(backend, "the same pooled connection is leased again");
            (await db.Database.SqlQueryRaw<bool>("SELECT to_regclass('left_open') IS NULL AS \"Value\"").SingleAsync(ct))
                .Should().BeTrue("the open transaction was rolled back when the connection went back to the pool");
            (await db.Database.SqlQueryRaw<string>("SELECT current_setting('statement_timeout') AS \"Value\"").SingleAsync(ct))
                .Should().Be("0", "a transaction's settings end with it");
        }

        static Task<int> BackendAsync(CleanAuthDbContext db, CancellationToken ct) =>
            db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync(ct);
    }

    [Theory]
    [InlineData("Host=db;Username=app", 5, 64, true)]
    [InlineData("Host=db;Username=app;Timeout=30;Max Auto Prepare=0;No Reset On Close=false", 30, 0, false)]
    [InlineData("Host=db;Username=app;MaxAutoPrepare=200;NoResetOnClose=false", 5, 200, false)]
    public void UsePostgres_ShouldFillInTheFastFailurePreparedStatementAndNoResetDefaultsOnlyWhereTheConnectionStringIsSilent(
        string given, int timeout, int maxAutoPrepare, bool noResetOnClose)
    {
        var builder = new DbContextOptionsBuilder<PostgresCleanAuthDbContext>();

        DbContextOptionsFactory.UsePostgres(builder, given);

        var used = new NpgsqlConnectionStringBuilder(RelationalOptionsExtension.Extract(builder.Options).ConnectionString);
        used.Timeout.Should().Be(timeout);
        used.MaxAutoPrepare.Should().Be(maxAutoPrepare);
        used.NoResetOnClose.Should().Be(noResetOnClose);
        used.Host.Should().Be("db");
    }
}
