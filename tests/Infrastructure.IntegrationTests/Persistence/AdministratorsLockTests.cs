using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The LAST_ADMIN guard's storage side on both providers (ADR-015): <see cref="IUserRepository.LockAdministratorsAsync"/>
/// orders the changes that can remove an active admin, <see cref="IUserRepository.IsLastActiveAdminAsync"/> counts after
/// it; and <see cref="IUserRepository.Remove"/> takes an account's rows with it.
/// </summary>
public sealed class AdministratorsLockTests
{
    private static readonly DateTime s_now = DateTime.UtcNow;

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task IsLastActiveAdmin_ShouldCountOnlyActiveHoldersOfTheAdminRole(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var alice = Admin(HostScopes.NewUser(s_now));
        var bob = Admin(HostScopes.NewUser(s_now));
        var carol = HostScopes.NewUser(s_now);
        await host.AddUsersAsync(ct, alice, bob, carol);

        (await IsLastAsync(host, alice.Id, ct)).Should().BeFalse("bob is an active admin too");
        await ChangeAsync(host, bob.Id, (user, now) => user.Deactivate(now), ct);
        (await IsLastAsync(host, alice.Id, ct)).Should().BeTrue("an inactive admin does not count");
        (await IsLastAsync(host, bob.Id, ct)).Should().BeFalse("an inactive admin is not the last active one");
        (await IsLastAsync(host, carol.Id, ct)).Should().BeFalse("carol is no admin");
        await ChangeAsync(host, alice.Id, (user, now) => user.ReplaceRoles(["user"], now), ct);
        (await IsLastAsync(host, alice.Id, ct)).Should().BeFalse("nobody is left to be the last");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task LockAdministrators_WhenAnotherChangeHoldsIt_ShouldWaitForItsCommitAndThenCountWhatItLeft(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var alice = Admin(HostScopes.NewUser(s_now));
        var bob = Admin(HostScopes.NewUser(s_now));
        await host.AddUsersAsync(ct, alice, bob);
        var holding = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        // Alice deactivates Bob, holding the lock until told to commit.
        var first = host.InUnitOfWorkAsync(async services =>
        {
            var users = services.GetRequiredService<IUserRepository>();
            await users.LockAdministratorsAsync(ct);
            var wasLast = await users.IsLastActiveAdminAsync(bob.Id, ct);
            (await users.GetByIdAsync(bob.Id, ct))!.Deactivate(s_now);
            holding.SetResult();
            await release.Task;
            return wasLast;
        }, ct);
        await holding.Task;

        // Bob deactivates Alice at the same time: its count must wait for Alice's change. (On a thread of its own: SQLite's
        // wait for the write lock, at BEGIN IMMEDIATE, blocks the calling thread.)
        var second = Task.Run(
            () => host.InUnitOfWorkAsync(async services =>
            {
                var users = services.GetRequiredService<IUserRepository>();
                await users.LockAdministratorsAsync(ct);
                return await users.IsLastActiveAdminAsync(alice.Id, ct);
            }, ct),
            ct);
        await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        second.IsCompleted.Should().BeFalse("the administrators' lock is held by the first change");

        release.SetResult();
        (await first).Should().BeFalse("alice was there too");
        (await second).Should().BeTrue("once bob's deactivation has committed, alice is the last active admin");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Remove_ShouldTakeTheRolesSessionsRefreshTokensAndAccountTokensWithTheUser(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var gone = HostScopes.NewUser(s_now);
        var kept = HostScopes.NewUser(s_now);
        await host.AddUsersAsync(ct, gone, kept);
        await host.InUnitOfWorkAsync(services =>
        {
            foreach (var user in new[] { gone, kept })
            {
                var session = Session.Start(user.Id, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, 'a'), s_now, TimeSpan.FromDays(7), TimeSpan.FromDays(7), "127.0.0.1", "tests");
                services.GetRequiredService<ISessionRepository>().Add(session);
                services.GetRequiredService<IAccountTokenRepository>().Add(
                    AccountToken.ForPasswordReset(user.Id, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, 'b'), s_now, TimeSpan.FromHours(1)));
            }
        }, ct);

        await host.InUnitOfWorkAsync(async services =>
        {
            var users = services.GetRequiredService<IUserRepository>();
            users.Remove((await users.GetByIdAsync(gone.Id, ct))!);
            return 0;
        }, ct);

        var rows = await host.QueryAsync(async db => new
        {
            Users = await db.Users.Select(u => u.Id).ToListAsync(ct),
            RoleRows = await db.Database.SqlQueryRaw<Guid>("SELECT user_id AS \"Value\" FROM user_roles").ToListAsync(ct),
            Sessions = await db.Sessions.Select(s => s.UserId).ToListAsync(ct),
            RefreshTokens = await db.RefreshTokens.Select(t => t.Session.UserId).ToListAsync(ct),
            AccountTokens = await db.AccountTokens.Select(t => t.UserId).ToListAsync(ct),
        });
        rows.Users.Should().Equal(kept.Id);
        rows.RoleRows.Should().Equal(kept.Id);
        rows.Sessions.Should().Equal(kept.Id);
        rows.RefreshTokens.Should().Equal(kept.Id);
        rows.AccountTokens.Should().Equal(kept.Id);
    }

    private static User Admin(User user)
    {
        user.ReplaceRoles(["admin", "user"], s_now);
        return user;
    }

    private static Task<bool> IsLastAsync(InfrastructureHost host, Guid userId, CancellationToken ct) =>
        host.ReadAsync(services => services.GetRequiredService<IUserRepository>().IsLastActiveAdminAsync(userId, ct));

    private static Task<int> ChangeAsync(InfrastructureHost host, Guid userId, Action<User, DateTime> change, CancellationToken ct) =>
        host.InUnitOfWorkAsync(async services =>
        {
            change((await services.GetRequiredService<IUserRepository>().GetByIdAsync(userId, ct))!, s_now);
            return 0;
        }, ct);
}
