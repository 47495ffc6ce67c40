using CleanAuth.Application.Common.Events;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>The one path of domain events (ADR-004): in the transaction before commit, then after it, never for a rollback.</summary>
public sealed class UnitOfWorkEventTests
{
    private static readonly DateTime s_now = DateTime.UtcNow;

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Commit_ShouldRunInTransactionHandlersInsideItAndAfterCommitHandlersOnceItHasCommitted(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var seen = new AfterCommitProbe();
        await using var host = await InfrastructureHost.StartAsync(provider, configureServices: s => seen.Register(s));
        var user = HostScopes.NewUser(s_now, emailVerified: false);

        await host.InUnitOfWorkAsync(services => services.GetRequiredService<IUserRepository>().Add(user), ct);

        // SendVerificationOnRegistration wrote its token in the registration's transaction.
        (await host.QueryAsync(db => db.AccountTokens.CountAsync(t => t.UserId == user.Id && t.Kind == AccountTokenKind.EmailVerification, ct))).Should().Be(1);
        var after = seen.Events.Should().ContainSingle().Subject;
        after.Event.UserId.Should().Be(user.Id);
        after.Actor.Should().Be(Actor.Anonymous);
        after.UserCommittedWhenHandled.Should().BeTrue("after-commit handlers run once the transaction has committed");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Rollback_ShouldPublishNothingAfterCommitAndUndoWhatInTransactionHandlersWrote(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var seen = new AfterCommitProbe();
        await using var host = await InfrastructureHost.StartAsync(
            provider, configureServices: s => seen.Register(s).AddScoped<INotificationHandler<BeforeCommit<UserRegisteredEvent>>, FailsAfterTheOthers>());
        var user = HostScopes.NewUser(s_now, emailVerified: false);

        var act = () => host.InUnitOfWorkAsync(services => services.GetRequiredService<IUserRepository>().Add(user), ct);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("refused");
        seen.Events.Should().BeEmpty("a rolled-back command publishes nothing after commit");
        (await host.QueryAsync(db => db.Users.AnyAsync(u => u.Id == user.Id, ct))).Should().BeFalse();
        (await host.QueryAsync(db => db.AccountTokens.AnyAsync(t => t.UserId == user.Id, ct))).Should().BeFalse("the in-transaction handler's write rolled back with it");
        (await host.QueryAsync(db => db.OutboxMessages.CountAsync(ct))).Should().Be(0);
    }

    [Fact]
    public async Task Rollback_WhenTheCommandItselfFails_ShouldPublishNothingAfterCommit()
    {
        var ct = TestContext.Current.CancellationToken;
        var seen = new AfterCommitProbe();
        await using var host = await InfrastructureHost.StartAsync(TestProvider.Postgres, configureServices: s => seen.Register(s));

        var act = () => host.InUnitOfWorkAsync<int>(services =>
        {
            services.GetRequiredService<IUserRepository>().Add(HostScopes.NewUser(s_now));
            throw new InvalidOperationException("the handler failed");
        }, ct);

        await act.Should().ThrowAsync<InvalidOperationException>();
        seen.Events.Should().BeEmpty();
    }

    private sealed class FailsAfterTheOthers : INotificationHandler<BeforeCommit<UserRegisteredEvent>>
    {
        public Task Handle(BeforeCommit<UserRegisteredEvent> notification, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("refused");
    }

    private sealed record Seen(UserRegisteredEvent Event, Actor Actor, bool UserCommittedWhenHandled);

    /// <summary>Records each committed registration, and whether another connection could already see the user.</summary>
    private sealed class AfterCommitProbe
    {
        public List<Seen> Events { get; } = [];

        public IServiceCollection Register(IServiceCollection services) =>
            services.AddScoped<INotificationHandler<AfterCommit<UserRegisteredEvent>>>(sp => new Handler(this, sp.GetRequiredService<IServiceScopeFactory>()));

        private sealed class Handler(AfterCommitProbe probe, IServiceScopeFactory scopes) : INotificationHandler<AfterCommit<UserRegisteredEvent>>
        {
            public async Task Handle(AfterCommit<UserRegisteredEvent> notification, CancellationToken cancellationToken)
            {
                await using var scope = scopes.CreateAsyncScope();
                var visible = await scope.ServiceProvider.GetRequiredService<CleanAuth.Infrastructure.Persistence.CleanAuthDbContext>().Users
                    .AnyAsync(u => u.Id == notification.Event.UserId, cancellationToken);
                probe.Events.Add(new Seen(notification.Event, notification.Actor, visible));
            }
        }
    }
}
