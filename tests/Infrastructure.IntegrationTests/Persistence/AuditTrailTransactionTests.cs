using CleanAuth.Application.Common.Behaviors;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// An audit entry is written in the transaction of the change it records (ADR-004): it commits with the change and rolls
/// back with it; a refusal that ends the request in an exception commits alone, after the request's transaction rolled back.
/// </summary>
public sealed class AuditTrailTransactionTests
{
    private static readonly DateTime s_now = DateTime.UtcNow;

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Commit_ShouldStoreTheEntryWithTheChange(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var user = HostScopes.NewUser(s_now);

        await host.InUnitOfWorkAsync(services => services.GetRequiredService<IUserRepository>().Add(user), ct);

        var entry = (await EntriesAsync(host, ct)).Should().ContainSingle().Subject;
        (entry.EventType, entry.UserId, entry.ActorId).Should().Be((AuditEventType.UserRegistered, user.Id, user.Id));
        (entry.IpAddress, entry.UserAgent, entry.TraceId).Should().Be(((string?)null, (string?)null, (string?)null), "outside an HTTP request");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Rollback_WhenAHandlerFailsAfterTheEvent_ShouldLeaveNoEntry(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(
            provider, configureServices: s => s.AddScoped<INotificationHandler<BeforeCommit<UserRegisteredEvent>>, FailsAfterTheOthers>());
        var user = HostScopes.NewUser(s_now);

        var act = () => host.InUnitOfWorkAsync(services => services.GetRequiredService<IUserRepository>().Add(user), ct);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("refused");
        (await EntriesAsync(host, ct)).Should().BeEmpty("the entry rolled back with the registration it recorded");
        (await host.QueryAsync(db => db.Users.AnyAsync(u => u.Id == user.Id, ct))).Should().BeFalse();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Refusal_WhenTheRequestFailsWithAnException_ShouldCommitAloneAfterTheRollback(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var user = HostScopes.NewUser(s_now);
        await using var scope = host.CreateScope();
        var services = scope.ServiceProvider;
        var behavior = new RefusalRecordingBehavior<string, bool>(
            services.GetRequiredService<PendingEvents>(), services.GetRequiredService<IUnitOfWork>(),
            services.GetRequiredService<ILogger<RefusalRecordingBehavior<string, bool>>>());

        // The request's unit of work changes something, raises a refusal, and fails: as a throttled login does.
        var act = () => behavior.Handle("request", ct, () => services.GetRequiredService<IUnitOfWork>().ExecuteAsync<bool>(() =>
        {
            services.GetRequiredService<IUserRepository>().Add(user);
            services.GetRequiredService<PendingEvents>().RaiseRefusal(new LoginThrottledEvent(user.Id, s_now));
            throw new LoginThrottledException(TimeSpan.FromMinutes(15));
        }, ct));

        await act.Should().ThrowAsync<LoginThrottledException>();
        var entry = (await EntriesAsync(host, ct)).Should().ContainSingle("the refusal alone commits: not the registration, nor its entry").Subject;
        (entry.EventType, entry.UserId, entry.ActorId).Should().Be((AuditEventType.LoginThrottled, user.Id, (Guid?)null));
        (await host.QueryAsync(db => db.Users.AnyAsync(u => u.Id == user.Id, ct))).Should().BeFalse("the request's own change rolled back");
    }

    private static Task<List<AuditLogEntry>> EntriesAsync(InfrastructureHost host, CancellationToken ct) =>
        host.QueryAsync(db => db.AuditLog.AsNoTracking().ToListAsync(ct));

    private sealed class FailsAfterTheOthers : INotificationHandler<BeforeCommit<UserRegisteredEvent>>
    {
        public Task Handle(BeforeCommit<UserRegisteredEvent> notification, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("refused");
    }
}
