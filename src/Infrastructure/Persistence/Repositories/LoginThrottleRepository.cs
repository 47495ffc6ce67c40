using CleanAuth.Domain.LoginThrottling;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence.Repositories;

/// <summary>
/// Every change is one SQL statement evaluated by the database (<c>failed_count = failed_count + 1</c>), so
/// concurrent failures are never lost; inside the command's transaction the row stays locked until commit.
/// </summary>
internal sealed class LoginThrottleRepository : ILoginThrottleRepository
{
    private readonly CleanAuthDbContext _db;

    public LoginThrottleRepository(CleanAuthDbContext db) => _db = db;

    public async Task<LoginThrottle?> AcquireAsync(string key, DateTime now, CancellationToken cancellationToken)
    {
        await EnsureRowAsync(key, now, cancellationToken);

        // A no-op UPDATE takes the row lock on PostgreSQL (SQLite commands are serialized by BEGIN IMMEDIATE anyway).
        await _db.LoginThrottles.Where(t => t.Key == key).ExecuteUpdateAsync(s => s.SetProperty(t => t.FailedCount, t => t.FailedCount), cancellationToken);
        return await _db.LoginThrottles.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, cancellationToken);
    }

    public async Task<DateTime?> RecordFailureAsync(string key, DateTime now, int maxFailedAttempts, Func<int, TimeSpan> lockoutDuration, CancellationToken cancellationToken)
    {
        await EnsureRowAsync(key, now, cancellationToken);
        await _db.LoginThrottles.Where(t => t.Key == key).ExecuteUpdateAsync(
            s => s.SetProperty(t => t.FailedCount, t => t.FailedCount + 1).SetProperty(t => t.LastFailureAt, now), cancellationToken);

        var state = await _db.LoginThrottles.AsNoTracking().Where(t => t.Key == key)
            .Select(t => new { t.FailedCount, t.LockoutCount }).FirstAsync(cancellationToken);
        if (state.FailedCount < maxFailedAttempts)
        {
            return null;
        }

        var until = now + lockoutDuration(state.LockoutCount);
        await _db.LoginThrottles.Where(t => t.Key == key && t.FailedCount >= maxFailedAttempts).ExecuteUpdateAsync(
            s => s.SetProperty(t => t.FailedCount, 0).SetProperty(t => t.LockoutCount, t => t.LockoutCount + 1).SetProperty(t => t.LockedUntil, until),
            cancellationToken);
        return until;
    }

    // Same statement on SQLite and PostgreSQL.
    private Task<int> EnsureRowAsync(string key, DateTime now, CancellationToken cancellationToken) =>
        _db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO login_throttles (key, failed_count, lockout_count, locked_until, last_failure_at) VALUES ({key}, 0, 0, NULL, {now}) ON CONFLICT (key) DO NOTHING",
            cancellationToken);

    public Task ClearAsync(string key, CancellationToken cancellationToken) =>
        _db.LoginThrottles.Where(t => t.Key == key).ExecuteDeleteAsync(cancellationToken);
}
