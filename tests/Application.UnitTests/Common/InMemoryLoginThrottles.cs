using CleanAuth.Domain.LoginThrottling;

namespace CleanAuth.Application.UnitTests.Common;

/// <summary>The lockout rows as the database holds them, one per key; what the guard records on them is visible here.</summary>
internal sealed class InMemoryLoginThrottles : ILoginThrottleRepository
{
    public Dictionary<string, LoginThrottle> Rows { get; } = new(StringComparer.Ordinal);

    public List<string> Acquired { get; } = [];

    public List<string> Cleared { get; } = [];

    /// <summary>Failures recorded on any row.</summary>
    public int Failures => Rows.Values.Sum(t => t.FailedCount + t.LockoutCount);

    public LoginThrottle Seed(LoginThrottle throttle) => Rows[throttle.Key] = throttle;

    public Task<LoginThrottle> AcquireAsync(string key, DateTime now, CancellationToken cancellationToken)
    {
        Acquired.Add(key);
        if (!Rows.TryGetValue(key, out var throttle))
        {
            throttle = Rows[key] = new LoginThrottle(key, now);
        }

        return Task.FromResult(throttle);
    }

    public Task ClearAsync(string key, CancellationToken cancellationToken)
    {
        Cleared.Add(key);
        Rows.Remove(key);
        return Task.CompletedTask;
    }
}
