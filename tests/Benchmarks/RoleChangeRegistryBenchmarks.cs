using BenchmarkDotNet.Attributes;
using CleanAuth.Infrastructure.Security.Tokens;

namespace CleanAuth.Benchmarks;

/// <summary>
/// <see cref="RoleChangeRegistry.TryGet"/> alone, as the bearer check calls it on every request. Each invocation looks up
/// <see cref="Lookups"/> different user ids (reported per lookup), so the numbers are not one hot cache line; they are
/// still a warm-cache figure. A miss (a user with no recent role change) is nearly every request; with 0 entries there
/// is nothing to hit: that row measures a miss on an empty registry. Also measured after the entries have expired and
/// been purged (<see cref="Drained"/>), the state in which <c>ConcurrentDictionary.IsEmpty</c> once cost microseconds
/// (ADR-010).
/// </summary>
[MemoryDiagnoser]
public class RoleChangeRegistryBenchmarks
{
    private const int Lookups = 1024;

    private RoleChangeRegistry _registry = null!;
    private RoleChangeRegistry _drained = null!;
    private Guid[] _changedIds = null!;
    private Guid[] _unchangedIds = null!;

    /// <summary>Users with a recent role change in the registry.</summary>
    [Params(0, 10_000, 1_000_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _registry = TokenFixture.RoleChangesWith(Entries, TimeProvider.System, out var changed);
        _unchangedIds = Enumerable.Range(0, Lookups).Select(_ => Guid.NewGuid()).ToArray();
        _changedIds = changed.Length == 0
            ? _unchangedIds
            : Enumerable.Range(0, Lookups).Select(i => changed[(int)((long)i * changed.Length / Lookups)]).ToArray();

        var clock = new ManualClock();
        _drained = TokenFixture.RoleChangesWith(Entries, clock, out _);
        clock.Advance(_drained.Retention + TimeSpan.FromSeconds(1));
        _drained.PurgeExpired();

        if (_drained.Count != 0 || Drained() != 0 || (Entries > 0 && (Hit() != Lookups || Miss() != 0)))
        {
            throw new InvalidOperationException("The registry does not answer as expected.");
        }
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int Hit() => CountChanged(_registry, _changedIds);

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int Miss() => CountChanged(_registry, _unchangedIds);

    /// <summary>A miss once every entry has expired and been purged (the dictionary's tables do not shrink).</summary>
    [Benchmark(OperationsPerInvoke = Lookups)]
    public int Drained() => CountChanged(_drained, _unchangedIds);

    private static int CountChanged(RoleChangeRegistry registry, Guid[] ids)
    {
        var changed = 0;
        foreach (var id in ids)
        {
            if (registry.TryGet(id, out _))
            {
                changed++;
            }
        }

        return changed;
    }
}
