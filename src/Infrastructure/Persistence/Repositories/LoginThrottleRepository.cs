using CleanAuth.Domain.LoginThrottling;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence.Repositories;

/// <summary>
/// The identifier's row is locked for the rest of the command's transaction before it is read, so concurrent attempts
/// queue and the lockout rule (<see cref="LoginThrottle.RecordFailure"/>) always works on the latest counts.
/// </summary>
internal sealed class LoginThrottleRepository : ILoginThrottleRepository
{
    private readonly CleanAuthDbContext _db;

    public LoginThrottleRepository(CleanAuthDbContext db) => _db = db;

    public async Task<LoginThrottle> AcquireAsync(string key, DateTime now, CancellationToken cancellationToken)
    {
        await _db.BeginWritingAsync(cancellationToken);
        await EnsureRowAsync(key, now, cancellationToken);

        // A no-op UPDATE takes the row lock on PostgreSQL (SQLite commands are serialized by BEGIN IMMEDIATE anyway);
        // the row is then read tracked, so the failure the guard records on it is saved with the unit of work.
        await _db.LoginThrottles.Where(t => t.Key == key).ExecuteUpdateAsync(s => s.SetProperty(t => t.FailedCount, t => t.FailedCount), cancellationToken);
        return await _db.LoginThrottles.FirstAsync(t => t.Key == key, cancellationToken);
    }

    // Same statement on SQLite and PostgreSQL.
    private Task<int> EnsureRowAsync(string key, DateTime now, CancellationToken cancellationToken) =>
        _db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO login_throttles (key, failed_count, lockout_count, locked_until, last_failure_at) VALUES ({key}, 0, 0, NULL, {now}) ON CONFLICT (key) DO NOTHING",
            cancellationToken);

    public async Task ClearAsync(string key, CancellationToken cancellationToken)
    {
        await _db.BeginWritingAsync(cancellationToken);
        await _db.LoginThrottles.Where(t => t.Key == key).ExecuteDeleteAsync(cancellationToken);
    }
}
