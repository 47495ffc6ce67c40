using Microsoft.EntityFrameworkCore;
using CleanAuth.Application.Common.Options;
using CleanAuth.Domain.LoginThrottling;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

public sealed class LoginThrottleRepositoryTests
{
    private const int Concurrent = 20;
    private static readonly DateTime s_now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    /// <summary>The default lockout (15 minutes, doubling, at most 24 h) after <paramref name="maxFailedAttempts"/> failures.</summary>
    private static LockoutPolicy Policy(int maxFailedAttempts) => new LockoutOptions { MaxFailedAttempts = maxFailedAttempts }.Policy;

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task RecordFailure_WhenManyTransactionsFailAtOnce_ShouldLoseNoUpdate(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var key = LoginThrottle.ForIdentifier("nobody@example.com");

        var locks = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i => Task.Run(
            () => RecordFailureAsync(host, key, s_now.AddSeconds(i), Policy(1000), ct), ct)));

        locks.Should().OnlyContain(until => until == null);
        var throttle = (await GetAsync(host, key))!;
        throttle.FailedCount.Should().Be(Concurrent);
        throttle.LockoutCount.Should().Be(0);
        throttle.LockedUntil.Should().BeNull();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task RecordFailure_WhenManyTransactionsFailAtOncePastTheMaximum_ShouldLockExactlyOncePerMaximum(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var key = LoginThrottle.ForIdentifier("nobody@example.com");
        var locks = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(_ => Task.Run(
            () => RecordFailureAsync(host, key, s_now, Policy(5), ct), ct)));

        // Each lock saw the ones before it: 15, 30, 60 and 120 minutes.
        locks.Where(until => until != null).Select(until => until!.Value - s_now).Order()
            .Should().Equal(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(120));
        var throttle = (await GetAsync(host, key))!;
        throttle.FailedCount.Should().Be(0);
        throttle.LockoutCount.Should().Be(Concurrent / 5);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task RecordFailure_WhenTheMaximumIsReached_ShouldLockForTheDurationResetTheCountAndCountTheLockout(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var key = LoginThrottle.ForUser(Guid.CreateVersion7());

        (await RecordFailureAsync(host, key, s_now, Policy(3), ct)).Should().BeNull();
        (await RecordFailureAsync(host, key, s_now.AddSeconds(1), Policy(3), ct)).Should().BeNull();
        var firstLock = await RecordFailureAsync(host, key, s_now.AddSeconds(2), Policy(3), ct);

        firstLock.Should().Be(s_now.AddSeconds(2).AddMinutes(15));
        var afterFirst = (await GetAsync(host, key))!;
        afterFirst.FailedCount.Should().Be(0);
        afterFirst.LockoutCount.Should().Be(1);
        afterFirst.LockedUntil.Should().Be(s_now.AddSeconds(2).AddMinutes(15));
        afterFirst.LockedUntil!.Value.Kind.Should().Be(DateTimeKind.Utc);
        afterFirst.LastFailureAt.Should().Be(s_now.AddSeconds(2));

        var later = s_now.AddHours(1);
        (await RecordFailureAsync(host, key, later, Policy(3), ct)).Should().BeNull();
        (await RecordFailureAsync(host, key, later, Policy(3), ct)).Should().BeNull();
        var secondLock = await RecordFailureAsync(host, key, later, Policy(3), ct);

        secondLock.Should().Be(later.AddMinutes(30), "the second lockout lasts twice as long");
        var afterSecond = (await GetAsync(host, key))!;
        afterSecond.LockoutCount.Should().Be(2);
        afterSecond.FailedCount.Should().Be(0);
        afterSecond.LockedUntil.Should().Be(later.AddMinutes(30));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Clear_WhenCalled_ShouldDeleteOnlyThatKeysRow(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var cleared = LoginThrottle.ForUser(Guid.CreateVersion7());
        var kept = LoginThrottle.ForIdentifier("someone");
        await RecordFailureAsync(host, cleared, s_now, Policy(1), ct);
        await RecordFailureAsync(host, kept, s_now, Policy(10), ct);

        await host.InUnitOfWorkAsync(async services =>
        {
            await services.GetRequiredService<ILoginThrottleRepository>().ClearAsync(cleared, ct);
            return 0;
        }, ct);

        (await GetAsync(host, cleared)).Should().BeNull();
        (await GetAsync(host, kept))!.FailedCount.Should().Be(1);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Get_WhenTheKeyHasNoFailures_ShouldReturnNull(TestProvider provider)
    {
        await using var host = await InfrastructureHost.StartAsync(provider);

        (await GetAsync(host, LoginThrottle.ForIdentifier("never-failed"))).Should().BeNull();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Reserve_WhenAnotherReservationHoldsTheIdentifier_ShouldWaitAndSeeItsFailure(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var key = LoginThrottle.ForIdentifier($"queued-{Guid.NewGuid():N}");
        var firstHolds = new TaskCompletionSource();

        var first = Task.Run(() => host.ReadAsync(services => services.GetRequiredService<ILoginThrottleRepository>().ReserveAsync(key, DateTime.UtcNow, throttle =>
        {
            firstHolds.SetResult();
            Thread.Sleep(300); // the row stays locked until this reservation commits
            return throttle.RecordFailure(DateTime.UtcNow, Policy(100));
        }, ct)), ct);
        await firstHolds.Task;

        // On a thread of its own: SQLite's wait for the write lock, at BEGIN IMMEDIATE, blocks the calling thread.
        var second = await Task.Run(() => host.ReadAsync(
            services => services.GetRequiredService<ILoginThrottleRepository>().ReserveAsync(key, DateTime.UtcNow, throttle => throttle.FailedCount, ct)), ct);
        await first;

        second.Should().Be(1, "the second reservation waited for the first and saw its failure");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Reserve_WhenItHasReturned_ShouldHoldNothingAndHaveCommittedTheFailure(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var key = LoginThrottle.ForIdentifier($"held-{Guid.NewGuid():N}");

        var act = () => host.InUnitOfWorkAsync<int>(async services =>
        {
            await services.GetRequiredService<ILoginThrottleRepository>().ReserveAsync(key, s_now, throttle => throttle.RecordFailure(s_now, Policy(5)), ct);

            services.GetRequiredService<CleanAuth.Infrastructure.Persistence.CleanAuthDbContext>().Database.CurrentTransaction.Should().BeNull(
                "the reservation had a transaction of its own, not the unit of work's");
            (await WriteProbe.CanWriteAsync(host, provider, ct, throttleKey: key)).Should().BeTrue("the reservation released the row when it committed");
            (await GetAsync(host, key))!.FailedCount.Should().Be(1, "committed before the unit of work ends");
            throw new InvalidOperationException("the command fails afterwards");
        }, ct);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("the command fails afterwards");

        (await GetAsync(host, key))!.FailedCount.Should().Be(1, "a reservation does not roll back with the command that made it");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Reserve_AfterTheUnitOfWorksFirstWrite_ShouldRefuseInsteadOfWaitingForItself(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var key = LoginThrottle.ForIdentifier("late");

        var act = () => host.InUnitOfWorkAsync(async services =>
        {
            var throttles = services.GetRequiredService<ILoginThrottleRepository>();
            await throttles.ClearAsync(key, ct); // a write: the unit of work's transaction has begun
            return await throttles.ReserveAsync(key, s_now, throttle => throttle.FailedCount, ct);
        }, ct);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*before the command's first write*");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task ClearAlone_ShouldCommitAtOnceEvenIfTheCommandThenRollsBack(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var key = LoginThrottle.ForUser(Guid.CreateVersion7());
        await RecordFailureAsync(host, key, s_now, Policy(10), ct);

        var act = () => host.InUnitOfWorkAsync<int>(async services =>
        {
            await services.GetRequiredService<ILoginThrottleRepository>().ClearAloneAsync(key, ct);
            throw new InvalidOperationException("the command fails after the password was verified");
        }, ct);

        await act.Should().ThrowAsync<InvalidOperationException>();
        (await GetAsync(host, key)).Should().BeNull("a verified password is not left counted");
    }

    /// <summary>
    /// One attempt's failure as the guard reserves it, inside a unit of work that has not written yet: the row locked in
    /// a transaction of the reservation's own, the rule applied to it, committed before it returns.
    /// </summary>
    private static Task<DateTime?> RecordFailureAsync(InfrastructureHost host, string key, DateTime now, LockoutPolicy policy, CancellationToken ct) =>
        host.InUnitOfWorkAsync(
            services => services.GetRequiredService<ILoginThrottleRepository>().ReserveAsync(key, now, throttle => throttle.RecordFailure(now, policy), ct), ct);

    private static Task<LoginThrottle?> GetAsync(InfrastructureHost host, string key) =>
        host.ReadAsync(services => services.GetRequiredService<CleanAuth.Infrastructure.Persistence.CleanAuthDbContext>().LoginThrottles
            .AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, TestContext.Current.CancellationToken));
}
