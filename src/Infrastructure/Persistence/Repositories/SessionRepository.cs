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
        _db switch
        {
            PostgresCleanAuthDbContext db => Compiled<PostgresCleanAuthDbContext>.FindRefreshToken(db, tokenHash, cancellationToken),
            SqliteCleanAuthDbContext db => Compiled<SqliteCleanAuthDbContext>.FindRefreshToken(db, tokenHash, cancellationToken),
            _ => throw new NotSupportedException(_db.GetType().Name),
        };

    public Task<RefreshToken?> FindSuccessorAsync(Guid tokenId, CancellationToken cancellationToken) =>
        _db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.ParentTokenId == tokenId, cancellationToken);

    // Begins the command's transaction (ADR-004), so the claim holds the row until the successor commits (ADR-009).
    public async Task<bool> TryClaimRotationAsync(Guid tokenId, DateTime now, CancellationToken cancellationToken)
    {
        await _db.BeginWritingAsync(cancellationToken);

        // Plain SQL, the same on both providers: nothing for LINQ to translate on every refresh.
        var claimed = await _db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE refresh_tokens SET rotated_at = {now} WHERE id = {tokenId} AND rotated_at IS NULL", cancellationToken) == 1;
        if (claimed && _db.RefreshTokens.Local.FindEntry(tokenId) is { } tracked)
        {
            // The row now says rotated at `now`: so does the tracked token's snapshot, and the rotation that marks it
            // (Session.Rotate) is not written a second time.
            tracked.Property(t => t.RotatedAt).OriginalValue = now;
        }

        return claimed;
    }

    /// <summary>
    /// Refresh's hot read, compiled once: no expression tree to walk and look up on each call (issue 10). A compiled
    /// query is bound to one model, and each provider's context has its own, hence one per context type.
    /// </summary>
    private static class Compiled<TContext>
        where TContext : CleanAuthDbContext
    {
        public static readonly Func<TContext, string, CancellationToken, Task<RefreshToken?>> FindRefreshToken =
            EF.CompileAsyncQuery((TContext db, string tokenHash, CancellationToken _) =>
                db.RefreshTokens.Include(t => t.Session).FirstOrDefault(t => t.TokenHash == tokenHash));
    }
}
