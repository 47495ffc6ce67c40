namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>The system clock plus an offset a test can move forward, to watch grace windows and sessions expire.</summary>
public sealed class ShiftableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
