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

    public Task<RefreshToken?> FindSuccessorAsync(Guid tokenId, CancellationToken cancellationToken) =>
        _db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.ParentTokenId == tokenId, cancellationToken);

    // Begins the command's transaction (ADR-004), so the claim holds the row until the successor commits (ADR-009).
    public async Task<bool> TryClaimRotationAsync(Guid tokenId, DateTime now, CancellationToken cancellationToken)
    {
        await _db.BeginWritingAsync(cancellationToken);
        return await _db.RefreshTokens
            .Where(t => t.Id == tokenId && t.RotatedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RotatedAt, now), cancellationToken) == 1;
    }
}
