using CleanAuth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>What the host's database holds about an account, for what no route shows (rows that must be gone, a stamp that must not move).</summary>
public sealed record StoredAccount(bool Exists, bool IsActive, DateTime? UpdatedAt, int SecurityStamp, int RoleRows, int Sessions, int RefreshTokens, int AccountTokens)
{
    /// <summary>Reads the account's rows; refresh tokens are counted for its sessions and for <paramref name="knownSessionIds"/> (sessions it had).</summary>
    public static async Task<StoredAccount> ReadAsync(CleanAuthApiFactory host, Guid userId, CancellationToken cancellationToken, params IReadOnlyCollection<Guid> knownSessionIds)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.IsActive, u.UpdatedAt, u.SecurityStamp })
            .SingleOrDefaultAsync(cancellationToken);
        var roleRows = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM user_roles WHERE user_id = {userId}").SingleAsync(cancellationToken);
        var sessionIds = await db.Sessions.AsNoTracking().Where(s => s.UserId == userId || knownSessionIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
        var tokenSessions = sessionIds.Union(knownSessionIds).ToList();
        var refreshTokens = await db.RefreshTokens.AsNoTracking().CountAsync(t => tokenSessions.Contains(t.SessionId), cancellationToken);
        var accountTokens = await db.AccountTokens.AsNoTracking().CountAsync(t => t.UserId == userId, cancellationToken);
        return new StoredAccount(user is not null, user?.IsActive ?? false, user?.UpdatedAt, user?.SecurityStamp ?? 0, roleRows, sessionIds.Count, refreshTokens, accountTokens);
    }
}
