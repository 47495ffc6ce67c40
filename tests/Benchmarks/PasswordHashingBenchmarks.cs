using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Metrics;
using CleanAuth.Infrastructure.Security.Passwords;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanAuth.Benchmarks;

/// <summary>
/// One Argon2id hash (and one verification) at the production parameters (<see cref="PasswordHashingOptions"/>'
/// defaults, which appsettings.json repeats: m=19456 KiB, t=2, p=1), through both adapters of ADR-007 side by side, each
/// at two depths: the algorithm alone (<see cref="IArgon2idAlgorithm"/>) and the whole <see cref="IPasswordHasher"/> a
/// login pays for (<see cref="Argon2idPasswordHasher"/>: NFKC, UTF-8, the hashing gate, the hop to the thread pool).
/// The baseline of each category is libsodium's raw call through Geralt, with nothing around it. Allocated bytes are
/// managed memory only: libsodium's 19 MiB work area is native and never counted here; Isopoh's is managed.
/// The reference <c>argon2</c> CLI is timed at the same parameters by build/bench.sh, not here (a process per hash).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PasswordHashingBenchmarks
{
    private const string Password = "correct horse battery staple";

    private static readonly int s_memoryKiB = new PasswordHashingOptions().MemoryKiB;
    private static readonly int s_iterations = new PasswordHashingOptions().Iterations;

    private readonly byte[] _passwordBytes = Encoding.UTF8.GetBytes(Password);
    private readonly LibsodiumArgon2id _libsodium = new();
    private readonly IsopohArgon2id _isopoh = new();
    private Argon2idPasswordHasher _libsodiumHasher = null!;
    private Argon2idPasswordHasher _isopohHasher = null!;
    private string _storedHash = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new PasswordHashingOptions());
        // The adapters record each run's duration, as in the app; with Metrics:Enabled off nothing listens to the meter.
        var metrics = new CleanAuthMetrics(new UnlistenedMeterFactory(), TimeProvider.System);
        _libsodiumHasher = new Argon2idPasswordHasher(_libsodium, options, NullLogger<Argon2idPasswordHasher>.Instance, metrics);
        _isopohHasher = new Argon2idPasswordHasher(_isopoh, options, NullLogger<Argon2idPasswordHasher>.Instance, metrics);
        _storedHash = _libsodium.Hash(_passwordBytes, s_memoryKiB, s_iterations);
        if (!_isopoh.Verify(_passwordBytes, _storedHash)
            || LibsodiumAdapterVerify().GetAwaiter().GetResult() != PasswordVerification.Succeeded
            || IsopohAdapterVerify().GetAwaiter().GetResult() != PasswordVerification.Succeeded
            || !LibsodiumRawVerify())
        {
            throw new InvalidOperationException("The stored hash does not verify in every variant.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _libsodiumHasher.Dispose();
        _isopohHasher.Dispose();
    }

    /// <summary>libsodium's <c>crypto_pwhash_str</c> through Geralt, into a stack buffer: the floor for any adapter.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Hash")]
    public int LibsodiumRawHash()
    {
        Span<char> buffer = stackalloc char[Geralt.Argon2id.HashSize];
        Geralt.Argon2id.ComputeHash(buffer, _passwordBytes, s_iterations, s_memoryKiB * 1024);
        return buffer.IndexOf('\0');
    }

    [Benchmark]
    [BenchmarkCategory("Hash")]
    public string LibsodiumAlgorithmHash() => _libsodium.Hash(_passwordBytes, s_memoryKiB, s_iterations);

    /// <summary>The default adapter as the application calls it.</summary>
    [Benchmark]
    [BenchmarkCategory("Hash")]
    public Task<string> LibsodiumAdapterHash() => _libsodiumHasher.HashAsync(Password, CancellationToken.None);

    [Benchmark]
    [BenchmarkCategory("Hash")]
    public string IsopohAlgorithmHash() => _isopoh.Hash(_passwordBytes, s_memoryKiB, s_iterations);

    [Benchmark]
    [BenchmarkCategory("Hash")]
    public Task<string> IsopohAdapterHash() => _isopohHasher.HashAsync(Password, CancellationToken.None);

    /// <summary>libsodium's <c>crypto_pwhash_str_verify</c> through Geralt: what a login costs at the floor.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Verify")]
    public bool LibsodiumRawVerify() => Geralt.Argon2id.VerifyHash(_storedHash, _passwordBytes);

    /// <summary>A login's verification through the default adapter.</summary>
    [Benchmark]
    [BenchmarkCategory("Verify")]
    public Task<PasswordVerification> LibsodiumAdapterVerify() => _libsodiumHasher.VerifyAsync(Password, _storedHash, CancellationToken.None);

    [Benchmark]
    [BenchmarkCategory("Verify")]
    public Task<PasswordVerification> IsopohAdapterVerify() => _isopohHasher.VerifyAsync(Password, _storedHash, CancellationToken.None);

    private sealed class UnlistenedMeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
