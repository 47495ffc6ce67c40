using CleanAuth.Domain.LoginThrottling;

namespace CleanAuth.Application.Common.Options;

/// <summary>Section <c>Lockout</c>: consecutive failed logins per identifier before it is locked, and for how long.</summary>
public sealed class LockoutOptions
{
    public const string SectionName = "Lockout";

    /// <summary>A lockout never lasts longer than this, however often it repeats.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);

    public int MaxFailedAttempts { get; set; } = 5;

    public double Minutes { get; set; } = 15;

    /// <summary>The first lockout lasts <see cref="Minutes"/>; each repeat doubles it, up to <see cref="MaxDuration"/>.</summary>
    public LockoutPolicy Policy => new(MaxFailedAttempts, TimeSpan.FromMinutes(Minutes), MaxDuration);
}
