using CleanAuth.Domain.LoginThrottling;

namespace CleanAuth.Application.UnitTests.Common;

/// <summary>
/// The lockout rows as the database holds them, one per key; what a reservation's decision changes on them is visible
/// here at once, as the reservation commits before it returns. <see cref="Calls"/> records the order of the calls.
/// </summary>
internal sealed class InMemoryLoginThrottles : ILoginThrottleRepository
{
    public Dictionary<string, LoginThrottle> Rows { get; } = new(StringComparer.Ordinal);

    /// <summary>Keys reserved, in order.</summary>
    public List<string> Reserved { get; } = [];

    /// <summary>Keys cleared at once, outside the unit of work (a verified password).</summary>
    public List<string> ClearedAlone { get; } = [];

    /// <summary>Keys cleared in the unit of work (a password reset).</summary>
    public List<string> Cleared { get; } = [];

    /// <summary>Every call, in order: "reserve", "clear alone", "clear", each with its key.</summary>
    public List<string> Calls { get; } = [];

    /// <summary>Failures recorded on any row.</summary>
    public int Failures => Rows.Values.Sum(t => t.FailedCount + t.LockoutCount);

    /// <summary>Runs before each reservation's decision (to observe what the caller holds at that moment).</summary>
    public Action? OnReserve { get; set; }

    public LoginThrottle Seed(LoginThrottle throttle) => Rows[throttle.Key] = throttle;

    public Task<T> ReserveAsync<T>(string key, DateTime now, Func<LoginThrottle, T> decide, CancellationToken cancellationToken)
    {
        Reserved.Add(key);
        Calls.Add($"reserve {key}");
        OnReserve?.Invoke();
        if (!Rows.TryGetValue(key, out var throttle))
        {
            throttle = Rows[key] = new LoginThrottle(key, now);
        }

        return Task.FromResult(decide(throttle));
    }

    public Task ClearAloneAsync(string key, CancellationToken cancellationToken)
    {
        ClearedAlone.Add(key);
        Calls.Add($"clear alone {key}");
        Rows.Remove(key);
        return Task.CompletedTask;
    }

    public Task ClearAsync(string key, CancellationToken cancellationToken)
    {
        Cleared.Add(key);
        Calls.Add($"clear {key}");
        Rows.Remove(key);
        return Task.CompletedTask;
    }
}
