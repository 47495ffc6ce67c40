using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Infrastructure.Security.Passwords;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.IntegrationTests.Security;

/// <summary>Every Argon2id run, and only a run, is timed into <c>cleanauth_password_hash_duration_seconds</c>.</summary>
public sealed class Argon2idPasswordHasherMetricsTests : IDisposable
{
    private readonly TestMetrics _metrics = new();

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task HashAndVerify_WhenRun_ShouldRecordEachArgon2idRunWithItsOperationAndDuration()
    {
        var ct = TestContext.Current.CancellationToken;
        using var durations = _metrics.Collect<double>("cleanauth.password_hash.duration");
        using var hasher = CreateHasher();

        var phc = await hasher.HashAsync("correct horse battery staple", ct);
        await hasher.VerifyAsync("correct horse battery staple", phc, ct);
        await hasher.VerifyAsync("wrong horse battery staple", phc, ct);
        await hasher.VerifyAgainstDummyAsync("an unknown account's guess", ct);
        await hasher.VerifyAgainstDummyAsync("another guess", ct);

        var runs = durations.GetMeasurementSnapshot();
        runs.Select(m => (string)m.Tags["operation"]!).Should().BeEquivalentTo(
            ["hash", "verify", "verify", "hash", "verify", "verify"],
            "the dummy hash is made once, on first use, and every verification runs Argon2id, a wrong password's and an unknown account's too");
        runs.Should().OnlyContain(m => m.Value > 0 && m.Value < 10, "a duration in seconds");
    }

    [Fact]
    public async Task Verify_WhenTheStoredHashIsMalformed_ShouldRecordNoRun()
    {
        var ct = TestContext.Current.CancellationToken;
        using var durations = _metrics.Collect<double>("cleanauth.password_hash.duration");
        using var hasher = CreateHasher();

        (await hasher.VerifyAsync("any password at all", "$argon2id$not-a-phc-string", ct)).Should().Be(PasswordVerification.Failed);

        durations.GetMeasurementSnapshot().Should().BeEmpty();
    }

    [Fact]
    public async Task Refusals_WhenHashingIsSaturated_ShouldEachBeCountedAsShed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var shed = _metrics.Collect<long>("cleanauth.password_hashing.shed_requests");
        using var algorithm = new FakeArgon2idAlgorithm();
        using var hasher = new Argon2idPasswordHasher(
            algorithm, Options.Create(new PasswordHashingOptions { MemoryKiB = 64, Iterations = 1, MaxQueued = 0 }),
            NullLogger<Argon2idPasswordHasher>.Instance, _metrics.Metrics, maxConcurrency: 1);
        var running = hasher.HashAsync("holds the only slot", ct);
        await algorithm.WaitForStartAsync(ct);

        var refusedAtTheGate = hasher.VerifyAgainstDummyAsync("refused when it would queue", ct);

        await refusedAtTheGate.Invoking(t => t).Should().ThrowAsync<Application.Common.Exceptions.ServiceUnavailableException>();
        hasher.ShouldShed(out _).Should().BeTrue("refused beforehand");
        shed.GetMeasurementSnapshot().Select(m => m.Value).Should().Equal(1, 1);
        algorithm.ReleaseAll();
        await running;
        hasher.ShouldShed(out _).Should().BeFalse();
        shed.GetMeasurementSnapshot().Should().HaveCount(2, "a caller that is let through is not counted");
    }

    private Argon2idPasswordHasher CreateHasher() =>
        new(
            new LibsodiumArgon2id(),
            Options.Create(new PasswordHashingOptions { MemoryKiB = 1024, Iterations = 1 }),
            NullLogger<Argon2idPasswordHasher>.Instance,
            _metrics.Metrics);
}
