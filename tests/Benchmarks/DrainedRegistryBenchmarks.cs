using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using CleanAuth.Infrastructure.Security.Tokens;

namespace CleanAuth.Benchmarks;

/// <summary>
/// The registry after a burst of revocations has expired and been purged: <c>ConcurrentDictionary</c> never shrinks
/// its bucket array or lock array, and <c>IsEmpty</c> on an empty dictionary scans every bucket and takes every lock.
/// <see cref="RevokedSessionRegistry.IsRevoked"/> checks <c>IsEmpty</c> first, so this is its worst case. The
/// reference is <c>ContainsKey</c> alone on an identically built and drained dictionary.
/// </summary>
[MemoryDiagnoser]
public class DrainedRegistryBenchmarks
{
    private readonly ConcurrentDictionary<Guid, DateTime> _reference = new();
    private RevokedSessionRegistry _registry = null!;
    private Guid _activeId;

    /// <summary>Revoked sessions held at the peak, before they expired.</summary>
    [Params(10_000, 1_000_000)]
    public int PeakRevokedSessions { get; set; }

    /// <summary>Revoked sessions still held after the purge.</summary>
    [Params(0, 1)]
    public int Remaining { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var clock = new ManualClock();
        _registry = TokenFixture.RegistryWith(PeakRevokedSessions, clock, out var burst);
        var until = clock.GetUtcNow().UtcDateTime + _registry.Retention;
        foreach (var id in burst)
        {
            _reference[id] = until;
        }

        clock.Advance(_registry.Retention + TimeSpan.FromSeconds(1));
        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < Remaining; i++)
        {
            var id = Guid.NewGuid();
            _registry.Add(id, now);
            _reference[id] = now + _registry.Retention;
        }

        _registry.PurgeExpired();
        foreach (var id in burst)
        {
            _reference.TryRemove(id, out _);
        }

        _activeId = Guid.NewGuid();
        if (_registry.Count != Remaining || _reference.Count != Remaining || IsRevoked() || ContainsKeyOnly())
        {
            throw new InvalidOperationException("The drained registry is not in the expected state.");
        }
    }

    /// <summary>The shipped check: <c>!IsEmpty &amp;&amp; ContainsKey</c>.</summary>
    [Benchmark(Baseline = true)]
    public bool IsRevoked() => _registry.IsRevoked(_activeId);

    /// <summary>Reference: <c>ContainsKey</c> without the <c>IsEmpty</c> pre-check.</summary>
    [Benchmark]
    public bool ContainsKeyOnly() => _reference.ContainsKey(_activeId);
}
