namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>A clock that stands still until a test sets or advances it; safe to read from several threads.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _ticks;

    public ManualTimeProvider(DateTime utcNow) => UtcNow = utcNow;

    public DateTime UtcNow
    {
        get => new(Interlocked.Read(ref _ticks), DateTimeKind.Utc);
        set => Interlocked.Exchange(ref _ticks, value.ToUniversalTime().Ticks);
    }

    public override DateTimeOffset GetUtcNow() => new(UtcNow, TimeSpan.Zero);

    public void Advance(TimeSpan by) => UtcNow += by;
}
