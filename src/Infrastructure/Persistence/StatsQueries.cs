using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>
/// The admin figures in four aggregate queries, loading no rows: one pass over <c>users</c> for the account counts,
/// the admins through the <c>(role, user_id)</c> index, the live sessions, and the audit counts of the window through
/// the <c>(event_type, occurred_at, id)</c> index, grouped by type.
/// </summary>
internal sealed class StatsQueries : IStatsQueries
{
    private static readonly string[] s_recentEventTypes = [AuditEventType.UserRegistered, AuditEventType.LoginSucceeded, AuditEventType.LoginFailed];

    private readonly CleanAuthDbContext _db;

    public StatsQueries(CleanAuthDbContext db) => _db = db;

    public async Task<StatsDto> GetAsync(DateTime now, DateTime since, CancellationToken cancellationToken)
    {
        var users = await _db.Users.AsNoTracking()
            .GroupBy(_ => 1)
            .Select(g => new { Total = g.Count(), Active = g.Count(u => u.IsActive), Verified = g.Count(u => u.EmailVerified) })
            .SingleOrDefaultAsync(cancellationToken);
        var admins = await _db.Users.AsNoTracking()
            .CountAsync(u => u.IsActive && u.Roles.Any(r => r.Role == RoleName.Admin), cancellationToken);
        var activeSessions = await _db.Sessions.AsNoTracking().CountAsync(Session.ActiveAt(now), cancellationToken);
        var recent = await _db.AuditLog.AsNoTracking()
            .Where(e => s_recentEventTypes.Contains(e.EventType) && e.OccurredAt >= since)
            .GroupBy(e => e.EventType)
            .Select(g => new { EventType = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.EventType, g => g.Count, StringComparer.Ordinal, cancellationToken);

        return new StatsDto
        {
            TotalUsers = users?.Total ?? 0,
            ActiveUsers = users?.Active ?? 0,
            VerifiedUsers = users?.Verified ?? 0,
            Admins = admins,
            ActiveSessions = activeSessions,
            Registrations24h = recent.GetValueOrDefault(AuditEventType.UserRegistered),
            Logins24h = recent.GetValueOrDefault(AuditEventType.LoginSucceeded),
            FailedLogins24h = recent.GetValueOrDefault(AuditEventType.LoginFailed),
        };
    }
}
