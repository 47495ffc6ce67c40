using CleanAuth.Domain.LoginThrottling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.Persistence.Repositories;

/// <summary>
/// A reservation runs on a DbContext and transaction of its own (a fresh scope), locks the identifier's row, lets the
/// caller apply the lockout rule (<see cref="LoginThrottle.RecordFailure"/>) to the latest counts and commits: a few
/// milliseconds, so nothing is held while the password hash that follows runs (ADR-012).
/// </summary>
internal sealed class LoginThrottleRepository : ILoginThrottleRepository
{
    private readonly CleanAuthDbContext _db;
    private readonly IServiceScopeFactory _scopes;

    public LoginThrottleRepository(CleanAuthDbContext db, IServiceScopeFactory scopes)
    {
        _db = db;
        _scopes = scopes;
    }

    public async Task<T> ReserveAsync<T>(string key, DateTime now, Func<LoginThrottle, T> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        EnsureTheUnitOfWorkHasNotWritten();
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();

        // On SQLite BEGIN IMMEDIATE: the write lock for the few statements that follow.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var throttle = await LockAsync(db, key, now, cancellationToken);
        var decision = decide(throttle);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return decision;
    }

    public async Task ClearAloneAsync(string key, CancellationToken cancellationToken)
    {
        EnsureTheUnitOfWorkHasNotWritten();
        await using var scope = _scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>().LoginThrottles.Where(t => t.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task ClearAsync(string key, CancellationToken cancellationToken)
    {
        await _db.BeginWritingAsync(cancellationToken);
        await _db.LoginThrottles.Where(t => t.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// One statement, the same on both providers: creates the row if missing, else takes its lock with a no-op update (a
    /// row lock on PostgreSQL; on SQLite the transaction holds the write lock already), and returns it, tracked, so what
    /// the caller's rule changes is saved by <c>SaveChanges</c>.
    /// </summary>
    private static async Task<LoginThrottle> LockAsync(CleanAuthDbContext db, string key, DateTime now, CancellationToken cancellationToken)
    {
        var rows = await db.LoginThrottles.FromSqlInterpolated(
            $"""
            INSERT INTO login_throttles (key, failed_count, lockout_count, locked_until, last_failure_at) VALUES ({key}, 0, 0, NULL, {now})
            ON CONFLICT (key) DO UPDATE SET failed_count = login_throttles.failed_count
            RETURNING key, failed_count, lockout_count, locked_until, last_failure_at
            """).ToListAsync(cancellationToken);
        return rows.Single();
    }

    /// <summary>
    /// A reservation or clear inside the request's write transaction would wait for that very transaction (on SQLite for
    /// the database's one writer, on PostgreSQL for a row it may hold): refused at once instead of hanging.
    /// </summary>
    private void EnsureTheUnitOfWorkHasNotWritten()
    {
        if (_db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException(
                "A login attempt is reserved or cleared before the command's first write; this command's transaction has already begun.");
        }
    }
}
