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

    [Theory]
    [InlineData("Host=db;Username=app", 5, 64)]
    [InlineData("Host=db;Username=app;Timeout=30;Max Auto Prepare=0", 30, 0)]
    [InlineData("Host=db;Username=app;MaxAutoPrepare=200", 5, 200)]
    public void UsePostgres_ShouldFillInTheFastFailureAndPreparedStatementDefaultsOnlyWhereTheConnectionStringIsSilent(
        string given, int timeout, int maxAutoPrepare)
    {
        var builder = new DbContextOptionsBuilder<PostgresCleanAuthDbContext>();

        DbContextOptionsFactory.UsePostgres(builder, given);

        var used = new NpgsqlConnectionStringBuilder(RelationalOptionsExtension.Extract(builder.Options).ConnectionString);
        used.Timeout.Should().Be(timeout);
        used.MaxAutoPrepare.Should().Be(maxAutoPrepare);
        used.Host.Should().Be("db");
    }
}
