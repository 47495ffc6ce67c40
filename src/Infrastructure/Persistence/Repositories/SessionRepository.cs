using CleanAuth.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence.Repositories;

internal sealed class SessionRepository : ISessionRepository
{
    private readonly CleanAuthDbContext _db;

    public SessionRepository(CleanAuthDbContext db) => _db = db;

    public void Add(Session session) => _db.Sessions.Add(session);

    public Task<Session?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        _db.Sessions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    public Task<List<Session>> ListActiveByUserAsync(Guid userId, DateTime now, CancellationToken cancellationToken) =>
        _db.Sessions.Where(s => s.UserId == userId).Where(Session.ActiveAt(now)).ToListAsync(cancellationToken);

    public Task<int> CountActiveByUserAsync(Guid userId, DateTime now, CancellationToken cancellationToken) =>
        _db.Sessions.Where(s => s.UserId == userId).Where(Session.ActiveAt(now)).CountAsync(cancellationToken);

    public Task<RefreshToken?> FindRefreshTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        _db.RefreshTokens.Include(t => t.Session).FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

    public Task<RefreshToken?> FindRefreshTokenToRotateAsync(string tokenHash, CancellationToken cancellationToken) =>
        _db switch
        {
            PostgresCleanAuthDbContext db => Compiled<PostgresCleanAuthDbContext>.FindRefreshTokenToRotate(db, tokenHash, cancellationToken),
            SqliteCleanAuthDbContext db => Compiled<SqliteCleanAuthDbContext>.FindRefreshTokenToRotate(db, tokenHash, cancellationToken),
            _ => throw new NotSupportedException(_db.GetType().Name),
        };

    public Task<RefreshToken?> FindSuccessorAsync(Guid tokenId, CancellationToken cancellationToken) =>
        _db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.ParentTokenId == tokenId, cancellationToken);

    // Plain SQL, nothing for LINQ to translate or the change tracker to compare on every refresh (issue 10, ADR-020).
    public Task<bool> TrySaveRotationAsync(RefreshToken presented, RefreshToken successor, CancellationToken cancellationToken)
    {
        if (successor.ParentTokenId != presented.Id || successor.SessionId != presented.SessionId || presented.RotatedAt is not { } rotatedAt)
        {
            throw new ArgumentException("The successor must come from Session.Rotate on the presented token.", nameof(successor));
        }

        return _db is PostgresCleanAuthDbContext
            ? SaveRotationInOneStatementAsync(presented.Session, presented.Id, rotatedAt, successor, cancellationToken)
            : SaveRotationInTransactionAsync(presented.Session, presented.Id, rotatedAt, successor, cancellationToken);
    }

    // One statement, one round trip: it claims the token (a row lock held to its end, re-checked after a concurrent
    // claim commits), and only if it did, inserts the successor and saves the session's last use. Atomic on its own,
    // so outside a transaction it commits by itself; the refresh opens none (ADR-020).
    private async Task<bool> SaveRotationInOneStatementAsync(Session session, Guid presentedId, DateTime rotatedAt, RefreshToken successor, CancellationToken cancellationToken) =>
        await _db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            WITH claimed AS (
                UPDATE refresh_tokens SET rotated_at = {rotatedAt} WHERE id = {presentedId} AND rotated_at IS NULL RETURNING session_id),
            successor AS (
                INSERT INTO refresh_tokens (id, session_id, token_hash, parent_token_id, created_at)
                SELECT {successor.Id}, session_id, {successor.TokenHash}, {presentedId}, {successor.CreatedAt} FROM claimed)
            UPDATE sessions SET last_used_at = {session.LastUsedAt}, idle_expires_at = {session.IdleExpiresAt}
            WHERE id = (SELECT session_id FROM claimed)
            """,
            cancellationToken) == 1;

    // SQLite has no data-modifying WITH: the same three writes in the command's transaction (BEGIN IMMEDIATE).
    private async Task<bool> SaveRotationInTransactionAsync(Session session, Guid presentedId, DateTime rotatedAt, RefreshToken successor, CancellationToken cancellationToken)
    {
        await _db.BeginWritingAsync(cancellationToken);
        var database = _db.Database;
        if (await database.ExecuteSqlInterpolatedAsync(
                $"UPDATE refresh_tokens SET rotated_at = {rotatedAt} WHERE id = {presentedId} AND rotated_at IS NULL", cancellationToken) != 1)
        {
            return false;
        }

        await database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO refresh_tokens (id, session_id, token_hash, parent_token_id, created_at)
            VALUES ({successor.Id}, {session.Id}, {successor.TokenHash}, {presentedId}, {successor.CreatedAt})
            """,
            cancellationToken);
        await database.ExecuteSqlInterpolatedAsync(
            $"UPDATE sessions SET last_used_at = {session.LastUsedAt}, idle_expires_at = {session.IdleExpiresAt} WHERE id = {session.Id}",
            cancellationToken);
        return true;
    }

    /// <summary>
    /// Refresh's hot read, compiled once and untracked: no expression tree to walk and look up, and no snapshot to take
    /// and compare, on each call (issue 10). A compiled query is bound to one model, and each provider's context has its
    /// own, hence one per context type.
    /// </summary>
    private static class Compiled<TContext>
        where TContext : CleanAuthDbContext
    {
        public static readonly Func<TContext, string, CancellationToken, Task<RefreshToken?>> FindRefreshTokenToRotate =
            EF.CompileAsyncQuery((TContext db, string tokenHash, CancellationToken _) =>
                db.RefreshTokens.AsNoTracking().Include(t => t.Session).FirstOrDefault(t => t.TokenHash == tokenHash));
    }
}
