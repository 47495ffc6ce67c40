using CleanAuth.Domain.AccountTokens;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence.Repositories;

internal sealed class AccountTokenRepository : IAccountTokenRepository
{
    private readonly CleanAuthDbContext _db;

    public AccountTokenRepository(CleanAuthDbContext db) => _db = db;

    public void Add(AccountToken token) => _db.AccountTokens.Add(token);

    public Task<AccountToken?> FindAsync(AccountTokenKind kind, string tokenHash, CancellationToken cancellationToken) =>
        _db.AccountTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == tokenHash && t.Kind == kind, cancellationToken);

    public async Task SupersedeForUserAsync(AccountTokenKind kind, Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        await _db.BeginWritingAsync(cancellationToken);
        await _db.AccountTokens
            .Where(t => t.UserId == userId && t.Kind == kind && t.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), cancellationToken);
    }

    public async Task SupersedeInvitationsAsync(string normalizedEmail, DateTime now, CancellationToken cancellationToken)
    {
        await _db.BeginWritingAsync(cancellationToken);
        await _db.AccountTokens
            .Where(t => t.Email == normalizedEmail && t.Kind == AccountTokenKind.Invitation && t.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), cancellationToken);
    }

    // Conditional: of two requests claiming one token, the second's UPDATE (inside its transaction, so after the first
    // commits) finds it consumed, however stale its earlier read.
    public async Task<bool> TryConsumeAsync(Guid tokenId, DateTime now, CancellationToken cancellationToken)
    {
        await _db.BeginWritingAsync(cancellationToken);
        return await _db.AccountTokens
            .Where(t => t.Id == tokenId && t.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), cancellationToken) == 1;
    }
}
