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
    public async Task Acquire_WhenAnotherAttemptHoldsTheIdentifier_ShouldWaitAndSeeItsFailure(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var key = LoginThrottle.ForIdentifier($"queued-{Guid.NewGuid():N}");
        var firstHolds = new TaskCompletionSource();

        var first = host.InUnitOfWorkAsync(async services =>
        {
            var throttles = services.GetRequiredService<ILoginThrottleRepository>();
            var throttle = await throttles.AcquireAsync(key, DateTime.UtcNow, ct);
            firstHolds.SetResult();
            await Task.Delay(300, ct); // the password hash would run here, the row still locked
            return throttle.RecordFailure(DateTime.UtcNow, Policy(100));
        }, ct);
        await firstHolds.Task;
        var second = await host.InUnitOfWorkAsync(
            services => services.GetRequiredService<ILoginThrottleRepository>().AcquireAsync(key, DateTime.UtcNow, ct), ct);
        await first;

        second!.FailedCount.Should().Be(1, "the second attempt waited for the first and saw its failure");
    }

    /// <summary>One attempt's failure as the guard records it: the row locked, the rule applied to it, saved at commit.</summary>
    private static Task<DateTime?> RecordFailureAsync(InfrastructureHost host, string key, DateTime now, LockoutPolicy policy, CancellationToken ct) =>
        host.InUnitOfWorkAsync(
            async services => (await services.GetRequiredService<ILoginThrottleRepository>().AcquireAsync(key, now, ct)).RecordFailure(now, policy), ct);

    private static Task<LoginThrottle?> GetAsync(InfrastructureHost host, string key) =>
        host.ReadAsync(services => services.GetRequiredService<CleanAuth.Infrastructure.Persistence.CleanAuthDbContext>().LoginThrottles
            .AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, TestContext.Current.CancellationToken));
}
