namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// A clock that stands still unless the test moves it (unlike <see cref="ShiftableTimeProvider"/>, which runs on with
/// the system clock): arithmetic on the time to the millisecond, however slow the machine.
/// </summary>
public sealed class StoppedClock : TimeProvider
{
    private long _ticks = DateTimeOffset.UtcNow.UtcTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
}
