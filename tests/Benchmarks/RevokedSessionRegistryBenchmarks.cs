using BenchmarkDotNet.Attributes;
using CleanAuth.Infrastructure.Security.Tokens;

namespace CleanAuth.Benchmarks;

/// <summary>
/// <see cref="RevokedSessionRegistry.IsRevoked"/> alone. Each invocation looks up <see cref="Lookups"/> different ids
/// (reported per lookup), so the numbers are not one hot cache line; they are still a warm-cache figure.
/// With 0 revoked sessions there is nothing to hit: that row measures a miss on an empty registry.
/// </summary>
[MemoryDiagnoser]
public class RevokedSessionRegistryBenchmarks
{
    private const int Lookups = 1024;

    private RevokedSessionRegistry _registry = null!;
    private Guid[] _revokedIds = null!;
    private Guid[] _activeIds = null!;

    [Params(0, 10_000, 1_000_000)]
    public int RevokedSessions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _registry = TokenFixture.RegistryWith(RevokedSessions, TimeProvider.System, out var revoked);
        _activeIds = Enumerable.Range(0, Lookups).Select(_ => Guid.NewGuid()).ToArray();
        _revokedIds = revoked.Length == 0
            ? _activeIds
            : Enumerable.Range(0, Lookups).Select(i => revoked[(int)((long)i * revoked.Length / Lookups)]).ToArray();
        if (RevokedSessions > 0 && (Hit() != Lookups || Miss() != 0))
        {
            throw new InvalidOperationException("The registry does not answer as expected.");
        }
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int Hit() => CountRevoked(_revokedIds);

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int Miss() => CountRevoked(_activeIds);

    private int CountRevoked(Guid[] ids)
    {
        var revoked = 0;
        foreach (var id in ids)
        {
            if (_registry.IsRevoked(id))
            {
                revoked++;
            }
        }

        return revoked;
    }
}
