namespace CleanAuth.Domain.Common;

/// <summary>Server-generated identifiers: time-ordered UUIDv7, so inserts stay index-friendly.</summary>
public static class Guid7
{
    public static Guid New(DateTime utcNow) => Guid.CreateVersion7(new DateTimeOffset(utcNow, TimeSpan.Zero));
}
