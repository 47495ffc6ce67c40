using CleanAuth.Domain.Auditing;
using CleanAuth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>The audit log table: entries are added with the unit of work, and nobody can change or remove them.</summary>
public sealed class AuditLogTests
{
    private static readonly DateTime s_now = DateTime.UtcNow;

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Entries_ShouldBeStoredWithTheirDetails_AndOutliveTheUserTheyAreAbout(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var aboutNobodyStored = Guid.NewGuid();
        var entry = AuditLogEntry.Record(
            AuditEventType.RolesChanged, s_now, aboutNobodyStored, actorId: null, "203.0.113.9", "curl/8", "0af7651916cd43dd8448eb211c80319c",
            """{"old_roles":["user"],"new_roles":["admin","user"]}""");

        await host.InUnitOfWorkAsync(services =>
        {
            services.GetRequiredService<IAuditLogRepository>().Add(entry);
            return Task.FromResult(0);
        }, ct);

        var stored = await host.ReadAsync(services =>
            services.GetRequiredService<CleanAuthDbContext>().AuditLog.AsNoTracking().SingleAsync(ct));
        stored.Id.Should().Be(entry.Id);
        stored.EventType.Should().Be(AuditEventType.RolesChanged);
        stored.UserId.Should().Be(aboutNobodyStored, "there is no foreign key: entries outlive the accounts they are about");
        stored.ActorId.Should().BeNull();
        stored.IpAddress.Should().Be("203.0.113.9");
        stored.TraceId.Should().Be("0af7651916cd43dd8448eb211c80319c");
        stored.OccurredAt.Should().BeCloseTo(s_now, TimeSpan.FromMilliseconds(1));
        System.Text.Json.JsonDocument.Parse(stored.Details).RootElement.GetProperty("new_roles")[0].GetString().Should().Be("admin");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite, "UPDATE audit_log SET event_type = 'logout'")]
    [InlineData(TestProvider.Sqlite, "DELETE FROM audit_log")]
    [InlineData(TestProvider.Postgres, "UPDATE audit_log SET event_type = 'logout'")]
    [InlineData(TestProvider.Postgres, "DELETE FROM audit_log")]
    [InlineData(TestProvider.Postgres, "TRUNCATE audit_log")]
    public async Task ChangingOrRemovingAnEntry_ShouldBeRefusedByTheDatabase(TestProvider provider, string sql)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        await host.InUnitOfWorkAsync(services =>
        {
            services.GetRequiredService<IAuditLogRepository>().Add(
                AuditLogEntry.Record(AuditEventType.LoginFailed, s_now, null, null, null, null, null, """{"code":"INVALID_CREDENTIALS"}"""));
            return Task.FromResult(0);
        }, ct);

        var change = () => host.ReadAsync(services => services.GetRequiredService<CleanAuthDbContext>().Database.ExecuteSqlRawAsync(sql, ct));

        (await change.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("append-only");
        var remaining = await host.ReadAsync(services =>
            services.GetRequiredService<CleanAuthDbContext>().AuditLog.AsNoTracking().Select(e => e.EventType).ToListAsync(ct));
        remaining.Should().Equal(AuditEventType.LoginFailed);
    }
}
