using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence.Repositories;

internal sealed class UserRepository : IUserRepository
{
    private readonly CleanAuthDbContext _db;

    public UserRepository(CleanAuthDbContext db) => _db = db;

    public Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        _db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    public Task<User?> FindByNormalizedEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        _db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);

    public Task<User?> FindByNormalizedUsernameAsync(string normalizedUsername, CancellationToken cancellationToken) =>
        _db.Users.FirstOrDefaultAsync(u => u.NormalizedUsername == normalizedUsername, cancellationToken);

    public Task<bool> ExistsByNormalizedEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        _db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);

    public Task<bool> ExistsByNormalizedUsernameAsync(string normalizedUsername, CancellationToken cancellationToken) =>
        _db.Users.AnyAsync(u => u.NormalizedUsername == normalizedUsername, cancellationToken);

    public void Add(User user) => _db.Users.Add(user);

    // The roles go with the user (owned rows); sessions (and their refresh tokens) and account tokens by the foreign
    // keys' ON DELETE CASCADE, on both providers.
    public void Remove(User user) => _db.Users.Remove(user);

    // A no-op UPDATE takes the row lock on PostgreSQL; a concurrent writer's commit is waited for and the stamp is then
    // compared with the committed row (READ COMMITTED re-evaluates the WHERE clause). On SQLite the transaction it begins
    // (BEGIN IMMEDIATE) waits for any other writer, and the UPDATE then compares with the latest commit. Either way a
    // user read before the transaction began (ADR-004) is caught if it went stale.
    public async Task<bool> TryLockAsync(User user, CancellationToken cancellationToken)
    {
        var stamp = _db.Entry(user).Property(u => u.SecurityStamp).OriginalValue;
        await _db.BeginWritingAsync(cancellationToken);
        return await _db.Users
            .Where(u => u.Id == user.Id && u.SecurityStamp == stamp)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, u => u.SecurityStamp), cancellationToken) == 1;
    }

    // The lock is the admin role's row in `roles`, taken with a no-op UPDATE like TryLockAsync (ADR-015): a concurrent
    // holder's commit is waited for, so the count that follows sees its change. On SQLite the transaction it begins
    // (BEGIN IMMEDIATE) waits for any other writer.
    public async Task LockAdministratorsAsync(CancellationToken cancellationToken)
    {
        await _db.BeginWritingAsync(cancellationToken);
        var locked = await _db.Database.ExecuteSqlInterpolatedAsync($"UPDATE roles SET name = name WHERE name = {RoleName.Admin}", cancellationToken);
        if (locked != 1)
        {
            throw new InvalidOperationException($"The roles table has no '{RoleName.Admin}' row to lock; the migrations seed it.");
        }
    }

    public async Task<bool> IsLastActiveAdminAsync(Guid userId, CancellationToken cancellationToken)
    {
        // Two ids at most tell "this one alone" from "none" and "others too".
        var activeAdmins = await _db.Users
            .Where(u => u.IsActive && u.Roles.Any(r => r.Role == RoleName.Admin))
            .Select(u => u.Id)
            .Take(2)
            .ToListAsync(cancellationToken);
        return activeAdmins.Count == 1 && activeAdmins[0] == userId;
    }
}
