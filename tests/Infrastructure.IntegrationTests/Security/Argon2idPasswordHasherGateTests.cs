using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Infrastructure.Security.Passwords;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.IntegrationTests.Security;

/// <summary>
/// The bounded gate in front of hashing: a fixed number of running hashes, a bounded queue, immediate refusal beyond it.
/// A blocking fake algorithm holds slots; every assertion waits on signals, never on time.
/// </summary>
public sealed class Argon2idPasswordHasherGateTests
{
    [Fact]
    public async Task HashAsync_WhenSlotsAndQueueAreFull_ShouldRefuseImmediatelyAndLetWaitersFinishAfterRelease()
    {
        var ct = TestContext.Current.CancellationToken;
        using var algorithm = new FakeArgon2idAlgorithm();
        using var hasher = CreateHasher(algorithm, maxConcurrency: 1, maxQueued: 1);

        var running = hasher.HashAsync("first caller", ct);
        await algorithm.WaitForStartAsync(ct);
        var queued = hasher.HashAsync("second caller", ct);
        var refused = hasher.HashAsync("third caller", ct);

        queued.IsCompleted.Should().BeFalse("the second caller waits in the queue");
        algorithm.Started.Should().Be(1, "only one hash may run at a time here");
        refused.IsFaulted.Should().BeTrue("the third caller is refused without waiting");
        var refusal = (await refused.Invoking(t => t).Should().ThrowAsync<ServiceUnavailableException>()).Which;
        refusal.RetryAfter.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));

        algorithm.ReleaseAll();

        (await running).Should().Be(FakeArgon2idAlgorithm.Phc);
        (await queued).Should().Be(FakeArgon2idAlgorithm.Phc);
        algorithm.HashCalls.Should().Be(2);
    }

    [Fact]
    public async Task ShouldShed_ShouldBeTrueExactlyWhenAHashAskedForNowWouldBeRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var algorithm = new FakeArgon2idAlgorithm();
        using var hasher = CreateHasher(algorithm, maxConcurrency: 1, maxQueued: 1);

        hasher.ShouldShed(out _).Should().BeFalse("every slot is free");
        var running = hasher.HashAsync("first caller", ct);
        await algorithm.WaitForStartAsync(ct);
        hasher.ShouldShed(out _).Should().BeFalse("the queue has room for one");
        var queued = hasher.HashAsync("second caller", ct);

        hasher.ShouldShed(out var retryAfter).Should().BeTrue("the slot is busy and the queue full");
        retryAfter.Should().Be(TimeSpan.FromSeconds(1));
        var refusal = (await hasher.Invoking(h => h.HashAsync("third caller", ct)).Should().ThrowAsync<ServiceUnavailableException>("a hash asked for now is refused alike")).Which;
        refusal.RetryAfter.Should().Be(retryAfter);
        algorithm.Started.Should().Be(1, "the check itself hashes nothing");

        algorithm.ReleaseAll();
        await running;
        await queued;
        hasher.ShouldShed(out _).Should().BeFalse("both hashes are done");
    }

    [Fact]
    public async Task VerifyAsync_WhenMaxQueuedIsZeroAndAllSlotsAreBusy_ShouldRefuseEveryKindOfCall()
    {
        var ct = TestContext.Current.CancellationToken;
        using var algorithm = new FakeArgon2idAlgorithm();
        using var hasher = CreateHasher(algorithm, maxConcurrency: 2, maxQueued: 0);

        var first = hasher.HashAsync("first", ct);
        var second = hasher.VerifyAsync("second", FakeArgon2idAlgorithm.Phc, ct);
        await algorithm.WaitForStartAsync(ct);
        await algorithm.WaitForStartAsync(ct);

        var hash = hasher.HashAsync("third", ct);
        var verify = hasher.VerifyAsync("fourth", FakeArgon2idAlgorithm.Phc, ct);
        var dummy = hasher.VerifyAgainstDummyAsync("fifth", ct);

        new[] { hash, verify, dummy }.Should().OnlyContain(t => t.IsFaulted, "refusals are immediate");
        await hash.Invoking(t => t).Should().ThrowAsync<ServiceUnavailableException>();
        await verify.Invoking(t => t).Should().ThrowAsync<ServiceUnavailableException>();
        await dummy.Invoking(t => t).Should().ThrowAsync<ServiceUnavailableException>();

        algorithm.ReleaseAll();
        (await first).Should().Be(FakeArgon2idAlgorithm.Phc);
        (await second).Should().Be(PasswordVerification.Succeeded);
        algorithm.Started.Should().Be(2);
    }

    [Fact]
    public async Task HashAsync_WhenCancelledWhileQueued_ShouldThrowAndGiveUpItsQueuePlace()
    {
        var ct = TestContext.Current.CancellationToken;
        using var algorithm = new FakeArgon2idAlgorithm();
        using var hasher = CreateHasher(algorithm, maxConcurrency: 1, maxQueued: 1);
        using var cancellation = new CancellationTokenSource();

        var running = hasher.HashAsync("running", ct);
        await algorithm.WaitForStartAsync(ct);
        var cancelled = hasher.HashAsync("gives up", cancellation.Token);
        cancelled.IsCompleted.Should().BeFalse();

        await cancellation.CancelAsync();

        await cancelled.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        var next = hasher.HashAsync("takes the freed queue place", ct);
        next.IsFaulted.Should().BeFalse("the cancelled caller left the queue");

        algorithm.ReleaseAll();
        (await running).Should().Be(FakeArgon2idAlgorithm.Phc);
        (await next).Should().Be(FakeArgon2idAlgorithm.Phc);
        algorithm.HashCalls.Should().Be(2, "the cancelled caller never hashed");
    }

    [Fact]
    public async Task HashAsync_WhenTokenIsAlreadyCancelled_ShouldThrowWithoutHashing()
    {
        using var algorithm = new FakeArgon2idAlgorithm(blocking: false);
        using var hasher = CreateHasher(algorithm, maxConcurrency: 1, maxQueued: 1);

        var act = () => hasher.HashAsync("never hashed", new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
        algorithm.Started.Should().Be(0);
    }

    [Fact]
    public async Task VerifyAgainstDummyAsync_WhenCalledConcurrently_ShouldComputeTheDummyHashOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var algorithm = new FakeArgon2idAlgorithm(blocking: false);
        using var hasher = CreateHasher(algorithm, maxConcurrency: 4, maxQueued: 8);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => hasher.VerifyAgainstDummyAsync($"guess {i}", ct)));

        algorithm.HashCalls.Should().Be(1, "the dummy hash is made once, on first use");
        algorithm.VerifyCalls.Should().Be(6, "every unknown account costs one verification");
    }

    [Fact]
    public async Task HashAsync_WhenPasswordIsNotWellFormedUnicode_ShouldThrowArgumentException()
    {
        using var algorithm = new FakeArgon2idAlgorithm(blocking: false);
        using var hasher = CreateHasher(algorithm, maxConcurrency: 1, maxQueued: 1);

        var act = () => hasher.HashAsync("lone surrogate \uD800 here", TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<ArgumentException>();
        algorithm.Started.Should().Be(0);
    }

    [Fact]
    public async Task VerifyAsync_WhenPasswordIsNotWellFormedUnicode_ShouldFail()
    {
        using var algorithm = new FakeArgon2idAlgorithm(blocking: false);
        using var hasher = CreateHasher(algorithm, maxConcurrency: 1, maxQueued: 1);

        var result = await hasher.VerifyAsync("lone surrogate \uDC00", FakeArgon2idAlgorithm.Phc, TestContext.Current.CancellationToken);

        result.Should().Be(PasswordVerification.Failed);
    }

    private static Argon2idPasswordHasher CreateHasher(FakeArgon2idAlgorithm algorithm, int maxConcurrency, int maxQueued) =>
        new(
            algorithm,
            Options.Create(new PasswordHashingOptions { MemoryKiB = 64, Iterations = 1, MaxQueued = maxQueued }),
            NullLogger<Argon2idPasswordHasher>.Instance,
            TestMetrics.Unobserved,
            maxConcurrency);
}
