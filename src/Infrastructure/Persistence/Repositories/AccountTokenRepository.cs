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

    public Task SupersedeForUserAsync(AccountTokenKind kind, Guid userId, DateTime now, CancellationToken cancellationToken) =>
        _db.AccountTokens
            .Where(t => t.UserId == userId && t.Kind == kind && t.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), cancellationToken);

    public Task SupersedeInvitationsAsync(string normalizedEmail, DateTime now, CancellationToken cancellationToken) =>
        _db.AccountTokens
            .Where(t => t.Email == normalizedEmail && t.Kind == AccountTokenKind.Invitation && t.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), cancellationToken);

    public async Task<bool> TryConsumeAsync(Guid tokenId, DateTime now, CancellationToken cancellationToken) =>
        await _db.AccountTokens
            .Where(t => t.Id == tokenId && t.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), cancellationToken) == 1;
}
