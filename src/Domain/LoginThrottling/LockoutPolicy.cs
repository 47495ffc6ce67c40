using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.LoginThrottling;

/// <summary>
/// How many consecutive failures lock an identifier, and for how long: <paramref name="FirstLockout"/>, doubling on each
/// repeat, never longer than <paramref name="MaxLockout"/>.
/// </summary>
public sealed record LockoutPolicy(int MaxFailedAttempts, TimeSpan FirstLockout, TimeSpan MaxLockout)
{
    public int MaxFailedAttempts { get; } = MaxFailedAttempts >= 1 ? MaxFailedAttempts : throw new DomainException("At least one failure locks.");

    public TimeSpan FirstLockout { get; } = FirstLockout > TimeSpan.Zero ? FirstLockout : throw new DomainException("A lockout lasts a while.");

    public TimeSpan MaxLockout { get; } = MaxLockout > TimeSpan.Zero ? MaxLockout : throw new DomainException("A lockout lasts a while.");

    /// <summary>The length of the lockout that follows <paramref name="previousLockouts"/> earlier ones.</summary>
    public TimeSpan DurationAfter(int previousLockouts)
    {
        var doubled = FirstLockout.Ticks * Math.Pow(2, Math.Clamp(previousLockouts, 0, 20));
        return TimeSpan.FromTicks((long)Math.Min(doubled, MaxLockout.Ticks));
    }
}
