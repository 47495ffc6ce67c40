using CleanAuth.Infrastructure.Security.Passwords;

namespace CleanAuth.Infrastructure.IntegrationTests.Security;

/// <summary>
/// An <see cref="IArgon2idAlgorithm"/> that blocks every call until <see cref="ReleaseAll"/>, and signals each start,
/// so tests can hold hashing slots busy and observe the gate without timing.
/// </summary>
internal sealed class FakeArgon2idAlgorithm : IArgon2idAlgorithm, IDisposable
{
    /// <summary>A well-formed PHC string the fake "produces" and accepts.</summary>
    public const string Phc = "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";

    private readonly ManualResetEventSlim _release;
    private readonly SemaphoreSlim _started = new(0);
    private int _hashCalls;
    private int _verifyCalls;

    public FakeArgon2idAlgorithm(bool blocking = true)
    {
        _release = new ManualResetEventSlim(initialState: !blocking);
    }

    public int HashCalls => Volatile.Read(ref _hashCalls);

    public int VerifyCalls => Volatile.Read(ref _verifyCalls);

    public int Started => HashCalls + VerifyCalls;

    /// <summary>Completes when one more call has started (and is now blocked).</summary>
    public Task WaitForStartAsync(CancellationToken cancellationToken) => _started.WaitAsync(cancellationToken);

    public void ReleaseAll() => _release.Set();

    public string Hash(ReadOnlySpan<byte> password, int memoryKiB, int iterations)
    {
        Interlocked.Increment(ref _hashCalls);
        Block();
        return Phc;
    }

    public string HashWithSalt(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int memoryKiB, int iterations) =>
        Hash(password, memoryKiB, iterations);

    public bool Verify(ReadOnlySpan<byte> password, string phc)
    {
        Interlocked.Increment(ref _verifyCalls);
        Block();
        return phc == Phc;
    }

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
        _started.Dispose();
    }

    private void Block()
    {
        _started.Release();

        // A safety net so a broken test cannot hang the run; assertions never depend on it.
        if (!_release.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("The test never released the fake algorithm.");
        }
    }
}
