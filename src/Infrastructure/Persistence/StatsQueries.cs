using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>
/// The admin figures, loading no rows: the account counts from the kept counts (ADR-016), the admins through the
/// <c>(role, user_id)</c> index, the live sessions through the index of never-revoked sessions by expiry (a count that
/// depends on the time, which no trigger can keep), and the audit counts of the window through the
/// <c>(event_type, occurred_at, id)</c> index, grouped by type.
/// </summary>
internal sealed class StatsQueries : IStatsQueries
{
    private static readonly string[] s_recentEventTypes = [AuditEventType.UserRegistered, AuditEventType.LoginSucceeded, AuditEventType.LoginFailed];

    private readonly CleanAuthDbContext _db;
    private readonly IListCounts _counts;

    public StatsQueries(CleanAuthDbContext db, IListCounts counts)
    {
        _db = db;
        _counts = counts;
    }

    public async Task<StatsDto> GetAsync(DateTime now, DateTime since, CancellationToken cancellationToken)
    {
        var users = await _counts.GetAsync(cancellationToken);
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
            TotalUsers = checked((int)users.Users),
            ActiveUsers = checked((int)users.ActiveUsers),
            VerifiedUsers = checked((int)users.VerifiedUsers),
            Admins = admins,
            ActiveSessions = activeSessions,
            Registrations24h = recent.GetValueOrDefault(AuditEventType.UserRegistered),
            Logins24h = recent.GetValueOrDefault(AuditEventType.LoginSucceeded),
            FailedLogins24h = recent.GetValueOrDefault(AuditEventType.LoginFailed),
        };
    }
}
