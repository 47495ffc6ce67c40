using System.Diagnostics.Metrics;
using CleanAuth.Application.Common.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace CleanAuth.Infrastructure.IntegrationTests.Security;

/// <summary>
/// A <see cref="CleanAuthMetrics"/> on a meter factory of its own, and collectors of only its measurements (tests run
/// side by side, and every host's meter has the same name).
/// </summary>
internal sealed class TestMetrics : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public TestMetrics() => Metrics = new CleanAuthMetrics(MeterFactory, TimeProvider.System);

    /// <summary>For code under test whose measurements no test reads.</summary>
    public static CleanAuthMetrics Unobserved { get; } = new TestMetrics().Metrics;

    public IMeterFactory MeterFactory => _services.GetRequiredService<IMeterFactory>();

    public CleanAuthMetrics Metrics { get; }

    /// <summary>What <paramref name="meterFactory"/>'s CleanAuth meter records on <paramref name="instrument"/> from now on.</summary>
    public static MetricCollector<T> Collect<T>(IMeterFactory meterFactory, string instrument)
        where T : struct => new(meterFactory, CleanAuthMetrics.MeterName, instrument);

    public MetricCollector<T> Collect<T>(string instrument)
        where T : struct => Collect<T>(MeterFactory, instrument);

    public void Dispose() => _services.Dispose();
}
