using System.Data;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The unit of work's transaction begins at its first write (ADR-004): reads before it hold no transaction and no
/// connection; a repository's write statement begins it, tracked changes begin it at the end, and a command that writes
/// nothing begins none.
/// </summary>
public sealed class UnitOfWorkTransactionTests
{
    private static readonly DateTime s_now = DateTime.UtcNow;

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Reads_ShouldHoldNothingUntilTheFirstWriteStatementBeginsTheTransaction(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var user = HostScopes.NewUser(s_now);
        await host.AddUsersAsync(ct, user);

        await host.InUnitOfWorkAsync(async services =>
        {
            var db = services.GetRequiredService<CleanAuthDbContext>();
            var users = services.GetRequiredService<IUserRepository>();
            var read = (await users.GetByIdAsync(user.Id, ct))!;

            db.Database.CurrentTransaction.Should().BeNull("a read begins nothing");
            db.Database.GetDbConnection().State.Should().Be(ConnectionState.Closed, "the connection went back to the pool");
            (await WriteProbe.CanWriteAsync(host, provider, ct, userId: user.Id)).Should().BeTrue("nothing is held yet");

            (await users.TryLockAsync(read, ct)).Should().BeTrue();
            db.Database.CurrentTransaction.Should().NotBeNull("the first write statement began the transaction");
            (await WriteProbe.CanWriteAsync(host, provider, ct, userId: user.Id)).Should().BeFalse(
                "the transaction holds the user's row (on SQLite, the write lock) until it commits");
            return 0;
        }, ct);

        (await WriteProbe.CanWriteAsync(host, provider, ct, userId: user.Id)).Should().BeTrue("the commit released it");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task TrackedChanges_ShouldBeginTheTransactionOnlyAtTheEndAndCommitThem(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var user = HostScopes.NewUser(s_now);

        await host.InUnitOfWorkAsync(async services =>
        {
            services.GetRequiredService<IUserRepository>().Add(user);
            services.GetRequiredService<CleanAuthDbContext>().Database.CurrentTransaction.Should().BeNull("an added entity writes nothing yet");
            (await WriteProbe.CanWriteAsync(host, provider, ct)).Should().BeTrue();
            return 0;
        }, ct);

        (await host.QueryAsync(db => db.Users.AnyAsync(u => u.Id == user.Id, ct))).Should().BeTrue();
        (await host.QueryAsync(db => db.AuditLog.AnyAsync(e => e.UserId == user.Id, ct))).Should().BeTrue("the before-commit handlers ran in the transaction begun at the end");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task NothingWritten_ShouldBeginNoTransaction(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var user = HostScopes.NewUser(s_now);
        await host.AddUsersAsync(ct, user);
        await using var scope = host.CreateScope();
        var services = scope.ServiceProvider;
        using var started = new TransactionsStarted(services.GetRequiredService<CleanAuthDbContext>());

        var found = await services.GetRequiredService<IUnitOfWork>().ExecuteAsync(
            async () => await services.GetRequiredService<IUserRepository>().GetByIdAsync(user.Id, ct) is not null, ct);
        services.GetRequiredService<IUserRepository>().Add(HostScopes.NewUser(s_now));
        await services.GetRequiredService<IUnitOfWork>().ExecuteAsync(() => Task.FromResult(0), ct);

        found.Should().BeTrue();
        started.Count.Should().Be(1, "only the second unit of work had something to commit");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Nested_ShouldJoinTheOuterUnitOfWorkAndRollBackWithIt(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var outer = HostScopes.NewUser(s_now);
        var inner = HostScopes.NewUser(s_now);

        var act = () => host.InUnitOfWorkAsync<int>(async services =>
        {
            var users = services.GetRequiredService<IUserRepository>();
            users.Add(outer);
            await services.GetRequiredService<IUnitOfWork>().ExecuteAsync(() =>
            {
                users.Add(inner);
                return Task.FromResult(0);
            }, ct);
            services.GetRequiredService<CleanAuthDbContext>().Database.CurrentTransaction.Should().NotBeNull("the inner save began the outer transaction");
            throw new InvalidOperationException("the outer command failed");
        }, ct);

        await act.Should().ThrowAsync<InvalidOperationException>();
        (await host.QueryAsync(db => db.Users.CountAsync(ct))).Should().Be(0, "what the inner unit of work saved rolled back with the outer one");
    }
}
