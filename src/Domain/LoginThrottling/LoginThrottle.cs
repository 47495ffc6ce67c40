using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.LoginThrottling;

/// <summary>
/// The failed-login state of one identifier. The key is <c>u:&lt;user id&gt;</c> for an identifier that belongs to an
/// account (its email and username count together) and <c>i:&lt;SHA-256 of the normalized identifier&gt;</c>
/// otherwise, so lockout behaves the same whether or not an account exists.
/// </summary>
public sealed class LoginThrottle
{
    public const int MaxKeyLength = 80;

    public LoginThrottle(string key, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Key = key;
        LastFailureAt = now;
    }

    // EF Core only.
    private LoginThrottle()
    {
        Key = null!;
    }

    public string Key { get; private set; }

    public int FailedCount { get; private set; }

    public int LockoutCount { get; private set; }

    public DateTime? LockedUntil { get; private set; }

    public DateTime LastFailureAt { get; private set; }

    /// <summary>How long the identifier stays locked, or null when it is not.</summary>
    public TimeSpan? LockRemaining(DateTime now) => LockedUntil > now ? LockedUntil.Value - now : null;

    /// <summary>Whether a success has anything to clear.</summary>
    public bool HasFailures => FailedCount > 0 || LockoutCount > 0;

    /// <summary>
    /// Counts one failure. The one that reaches the policy's maximum locks the identifier and starts the count again;
    /// it returns until when (so the owner is told once per lock). Called when an attempt is reserved, before its password
    /// is checked, with the row locked (ADR-012): a check that then succeeds clears the row.
    /// </summary>
    public DateTime? RecordFailure(DateTime now, LockoutPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        LastFailureAt = UtcGuard.Ensure(now, nameof(now));
        FailedCount++;
        if (FailedCount < policy.MaxFailedAttempts)
        {
            return null;
        }

        FailedCount = 0;
        LockedUntil = now + policy.DurationAfter(LockoutCount);
        LockoutCount++;
        return LockedUntil;
    }

    public static string ForUser(Guid userId) => $"u:{userId:D}";

    /// <summary>The key of an identifier with no account: a hash, so unknown addresses are not stored in the clear.</summary>
    public static string ForIdentifier(string normalizedIdentifier) =>
        $"i:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(normalizedIdentifier)))}";
}
