using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Security.Passwords;

/// <summary>
/// Argon2id password hashing with PHC strings. Passwords are NFKC-normalized and UTF-8 encoded, never truncated.
/// At most one hash per processor runs at once; up to <see cref="PasswordHashingOptions.MaxQueued"/> callers wait,
/// and callers beyond that are refused at once with <see cref="ServiceUnavailableException"/> so a login burst
/// cannot pile up unbounded work; <see cref="ShouldShed"/> tells a request so before it does anything else.
/// Every Argon2id run (a hash, a verification, the dummy's) is timed into <c>cleanauth_password_hash_duration_seconds</c>,
/// the run only, not the wait for a slot. Never logs passwords or hashes.
/// </summary>
internal sealed class Argon2idPasswordHasher : IPasswordHasher, IDisposable
{
    internal static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly IArgon2idAlgorithm _algorithm;
    private readonly ILogger<Argon2idPasswordHasher> _logger;
    private readonly CleanAuthMetrics _metrics;
    private readonly int _memoryKiB;
    private readonly int _iterations;
    private readonly int _maxQueued;
    private readonly SemaphoreSlim _slots;
    private readonly HashingThreads _threads;
    private readonly Lock _dummyHashLock = new();
    private string? _dummyHash;
    private int _queued;

    public Argon2idPasswordHasher(
        IArgon2idAlgorithm algorithm, IOptions<PasswordHashingOptions> options, ILogger<Argon2idPasswordHasher> logger, CleanAuthMetrics metrics)
        : this(algorithm, options, logger, metrics, Environment.ProcessorCount)
    {
    }

    /// <summary>For tests: <paramref name="maxConcurrency"/> hashes may run at once (production uses <see cref="Environment.ProcessorCount"/>).</summary>
    internal Argon2idPasswordHasher(
        IArgon2idAlgorithm algorithm, IOptions<PasswordHashingOptions> options, ILogger<Argon2idPasswordHasher> logger, CleanAuthMetrics metrics, int maxConcurrency)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        _algorithm = algorithm;
        _logger = logger;
        _metrics = metrics;
        var settings = options.Value;
        _memoryKiB = settings.MemoryKiB;
        _iterations = settings.Iterations;
        _maxQueued = settings.MaxQueued;
        _slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        _threads = new HashingThreads(maxConcurrency);
    }

    public async Task<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        var bytes = Encode(password)
            ?? throw new ArgumentException("The password is not valid Unicode text.", nameof(password));
        try
        {
            return await RunGatedAsync(() => Timed(PasswordHashOperation.Hash, () => _algorithm.Hash(bytes, _memoryKiB, _iterations)), cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public async Task<PasswordVerification> VerifyAsync(string password, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!Argon2idPhc.TryParse(passwordHash, out var stored))
        {
            _logger.LogWarning("A stored password hash is malformed or uses unsupported Argon2id parameters; verification failed.");
            return PasswordVerification.Failed;
        }

        var bytes = Encode(password);
        if (bytes is null)
        {
            // Same work as a wrong password, so no input is answered faster than another.
            await VerifyAgainstDummyAsync(string.Empty, cancellationToken);
            return PasswordVerification.Failed;
        }

        try
        {
            var verified = await RunGatedAsync(() => Timed(PasswordHashOperation.Verify, () => _algorithm.Verify(bytes, passwordHash)), cancellationToken);
            if (!verified)
            {
                return PasswordVerification.Failed;
            }

            return stored.MemoryKiB == _memoryKiB && stored.Iterations == _iterations
                ? PasswordVerification.Succeeded
                : PasswordVerification.SucceededRehashNeeded;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public async Task VerifyAgainstDummyAsync(string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        var bytes = Encode(password) ?? [];
        try
        {
            await RunGatedAsync(
                () =>
                {
                    var dummyHash = GetDummyHash();
                    return Timed(PasswordHashOperation.Verify, () => _algorithm.Verify(bytes, dummyHash));
                },
                cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public bool ShouldShed(out TimeSpan retryAfter)
    {
        retryAfter = RetryAfter;

        // The same test a caller arriving now would fail in RunGatedAsync: no free slot and the queue full.
        if (_slots.CurrentCount == 0 && Volatile.Read(ref _queued) >= _maxQueued)
        {
            _metrics.PasswordHashingShed();
            return true;
        }

        return false;
    }

    public void Dispose()
    {
        _threads.Dispose();
        _slots.Dispose();
    }

    /// <summary>A refusal, counted (<c>cleanauth_password_hashing_shed_requests_total</c>), not logged: a flood of them should cost little.</summary>
    private ServiceUnavailableException Saturated()
    {
        _metrics.PasswordHashingShed();
        return ServiceUnavailableException.HashingSaturated(RetryAfter);
    }

    /// <summary>NFKC, then strict UTF-8. Null when the text is not well-formed UTF-16 (a lone surrogate).</summary>
    private static byte[]? Encode(string password)
    {
        string normalized;
        try
        {
            normalized = password.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return null;
        }

        return s_strictUtf8.GetBytes(normalized);
    }

    /// <summary>A hash of a random secret at the configured cost, made once, on first use, inside a hashing slot.</summary>
    private string GetDummyHash()
    {
        var hash = Volatile.Read(ref _dummyHash);
        if (hash is not null)
        {
            return hash;
        }

        lock (_dummyHashLock)
        {
            if (_dummyHash is null)
            {
                var secret = RandomNumberGenerator.GetBytes(32);
                Volatile.Write(ref _dummyHash, Timed(PasswordHashOperation.Hash, () => _algorithm.Hash(secret, _memoryKiB, _iterations)));
                CryptographicOperations.ZeroMemory(secret);
            }

            return _dummyHash;
        }
    }

    private T Timed<T>(PasswordHashOperation operation, Func<T> run)
    {
        var started = Stopwatch.GetTimestamp();
        var result = run();
        _metrics.PasswordHashed(operation, Stopwatch.GetElapsedTime(started));
        return result;
    }

    private async Task<T> RunGatedAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        if (!_slots.Wait(0, CancellationToken.None))
        {
            if (Interlocked.Increment(ref _queued) > _maxQueued)
            {
                Interlocked.Decrement(ref _queued);
                throw Saturated();
            }

            try
            {
                await _slots.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _queued);
            }
        }

        try
        {
            // Off the caller's thread, and off the thread pool (HashingThreads): the caller gets its task back at once,
            // and the CPU-bound work, bounded by the slots, never stalls the requests queued on the pool.
            return await _threads.RunAsync(work);
        }
        finally
        {
            _slots.Release();
        }
    }
}
