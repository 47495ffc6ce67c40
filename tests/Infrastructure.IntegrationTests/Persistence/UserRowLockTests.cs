using CleanAuth.Domain.Users;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary><see cref="IUserRepository.TryLockAsync"/>: the user row lock that orders logins and credential changes (ADR-013).</summary>
public sealed class UserRowLockTests
{
    private const string NewHash = "$argon2id$v=19$m=1024,t=1,p=1$bmV3c2FsdG5ld3NhbHQ$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";
    private static readonly DateTime s_now = DateTime.UtcNow;

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task TryLock_WhenThePasswordChangedSinceTheUserWasRead_ShouldRefuseAndWhenNot_ShouldLock(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var user = HostScopes.NewUser(s_now);
        await host.AddUsersAsync(ct, user);
        await using var stale = host.CreateScope();
        var staleUsers = stale.ServiceProvider.GetRequiredService<IUserRepository>();
        var staleView = (await staleUsers.GetByIdAsync(user.Id, ct))!;

        await host.InUnitOfWorkAsync(async services =>
        {
            var users = services.GetRequiredService<IUserRepository>();
            var current = (await users.GetByIdAsync(user.Id, ct))!;
            (await users.TryLockAsync(current, ct)).Should().BeTrue("nothing changed since it was read");
            current.ChangePassword(NewHash, s_now);
            return 0;
        }, ct);

        (await staleUsers.TryLockAsync(staleView, ct)).Should().BeFalse("the password was changed after this view was read");
        var fresh = await host.ReadAsync(async services =>
        {
            var users = services.GetRequiredService<IUserRepository>();
            var reread = (await users.GetByIdAsync(user.Id, ct))!;
            return (reread.SecurityStamp, Locked: await users.TryLockAsync(reread, ct));
        });
        fresh.Locked.Should().BeTrue();
        fresh.SecurityStamp.Should().Be(user.SecurityStamp + 1);
    }

    [Fact]
    public async Task TryLock_WhenAnotherTransactionHoldsTheRowAndChangesThePassword_ShouldWaitForItsCommitAndThenRefuse()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(TestProvider.Postgres);
        var user = HostScopes.NewUser(s_now);
        await host.AddUsersAsync(ct, user);
        var locked = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        var change = host.InUnitOfWorkAsync(async services =>
        {
            var users = services.GetRequiredService<IUserRepository>();
            var current = (await users.GetByIdAsync(user.Id, ct))!;
            (await users.TryLockAsync(current, ct)).Should().BeTrue();
            current.ChangePassword(NewHash, s_now);
            locked.SetResult();
            await release.Task;
            return 0;
        }, ct);
        await locked.Task;

        // A login that read the user before the change commits: its lock waits, then sees the new stamp.
        var login = host.InUnitOfWorkAsync(async services =>
        {
            var users = services.GetRequiredService<IUserRepository>();
            var view = (await users.GetByIdAsync(user.Id, ct))!;
            view.SecurityStamp.Should().Be(user.SecurityStamp, "the change has not committed yet");
            return await users.TryLockAsync(view, ct);
        }, ct);
        await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
        login.IsCompleted.Should().BeFalse("the row is locked by the change");

        release.SetResult();
        await change;
        (await login).Should().BeFalse("the stamp it read is stale once the change has committed");
    }

    [Fact]
    public async Task TryLock_OfDifferentUsers_ShouldNotWaitForEachOther()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(TestProvider.Postgres);
        var alice = HostScopes.NewUser(s_now);
        var bob = HostScopes.NewUser(s_now);
        await host.AddUsersAsync(ct, alice, bob);
        var locked = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        var holdingAlice = host.InUnitOfWorkAsync(async services =>
        {
            var users = services.GetRequiredService<IUserRepository>();
            (await users.TryLockAsync((await users.GetByIdAsync(alice.Id, ct))!, ct)).Should().BeTrue();
            locked.SetResult();
            await release.Task;
            return 0;
        }, ct);
        await locked.Task;

        var lockBob = host.InUnitOfWorkAsync(async services =>
        {
            var users = services.GetRequiredService<IUserRepository>();
            return await users.TryLockAsync((await users.GetByIdAsync(bob.Id, ct))!, ct);
        }, ct);

        (await lockBob.WaitAsync(TimeSpan.FromSeconds(5), ct)).Should().BeTrue("bob's row is not alice's");
        release.SetResult();
        await holdingAlice;
    }
}
