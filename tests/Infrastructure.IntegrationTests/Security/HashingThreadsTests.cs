using CleanAuth.Infrastructure.Security.Passwords;

namespace CleanAuth.Infrastructure.IntegrationTests.Security;

/// <summary>Password hashes run on threads of their own, so a hash never holds a thread-pool thread (issue 10).</summary>
public sealed class HashingThreadsTests
{
    [Fact]
    public async Task RunAsync_ShouldRunTheWorkOffTheThreadPoolAndHandBackItsResult()
    {
        using var threads = new HashingThreads(1);

        var ranOn = await threads.RunAsync(() => (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name));

        ranOn.IsThreadPoolThread.Should().BeFalse();
        ranOn.Name.Should().Be("Argon2id hashing");
    }

    [Fact]
    public async Task RunAsync_OnLinux_ShouldRunTheWorkAtALowerPriorityThanTheCaller()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "thread priorities are set on Linux only");
        var caller = HashingThreads.CurrentThreadNiceness();
        using var threads = new HashingThreads(1);

        var hashing = await threads.RunAsync(HashingThreads.CurrentThreadNiceness);

        hashing.Should().Be(Math.Max(caller, HashingThreads.Niceness), "a hash yields the processor to the threads serving requests");
        HashingThreads.CurrentThreadNiceness().Should().Be(caller, "the caller's own priority is untouched");
    }

    [Fact]
    public async Task RunAsync_WhenTheWorkThrows_ShouldFaultTheTaskAndKeepServing()
    {
        using var threads = new HashingThreads(1);

        var failed = threads.RunAsync<int>(() => throw new InvalidOperationException("bad parameters"));

        await failed.Invoking(t => t).Should().ThrowAsync<InvalidOperationException>().WithMessage("bad parameters");
        (await threads.RunAsync(() => 42)).Should().Be(42, "a failed hash does not end its thread");
    }

    [Fact]
    public async Task RunAsync_WhenOneThreadIsBusy_ShouldServeTheNextWorkOnAnother()
    {
        // Each hashing thread serves one hash at a time; with the gate's slots, that is all a hash ever waits for.
        using var threads = new HashingThreads(2);
        using var release = new ManualResetEventSlim();
        var blocked = threads.RunAsync(() => { release.Wait(TestContext.Current.CancellationToken); return true; });

        var second = await threads.RunAsync(() => Thread.CurrentThread.Name);
        release.Set();
        await blocked;

        second.Should().Be("Argon2id hashing", "the second thread took it while the first was busy");
    }

    [Fact]
    public async Task RunAsync_ShouldNotRunTheCallersContinuationOnTheHashingThread()
    {
        using var threads = new HashingThreads(1);

        await threads.RunAsync(() => 0);

        Thread.CurrentThread.Name.Should().NotBe("Argon2id hashing");
    }
}
