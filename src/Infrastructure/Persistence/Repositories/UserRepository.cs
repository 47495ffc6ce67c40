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

    // A no-op UPDATE takes the row lock on PostgreSQL; a concurrent writer's commit is waited for and the stamp is then
    // compared with the committed row (READ COMMITTED re-evaluates the WHERE clause). SQLite serializes commands anyway.
    public async Task<bool> TryLockAsync(User user, CancellationToken cancellationToken)
    {
        var stamp = _db.Entry(user).Property(u => u.SecurityStamp).OriginalValue;
        return await _db.Users
            .Where(u => u.Id == user.Id && u.SecurityStamp == stamp)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, u => u.SecurityStamp), cancellationToken) == 1;
    }
}
