namespace CleanAuth.Application.UnitTests.Common;

/// <summary>A clock that stands still until a test moves it.</summary>
internal sealed class FakeTimeProvider : TimeProvider
{
    public FakeTimeProvider(DateTime utcNow) => UtcNow = utcNow;

    public DateTime UtcNow { get; set; }

    public override DateTimeOffset GetUtcNow() => new(UtcNow, TimeSpan.Zero);

    /// <summary>Timestamps stand still and move with the clock too (one tick per 100 ns).</summary>
    public override long GetTimestamp() => UtcNow.Ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => UtcNow += by;
}
