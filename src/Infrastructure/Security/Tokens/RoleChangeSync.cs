using CleanAuth.Domain.Auditing;
using CleanAuth.Infrastructure.Caching;
using CleanAuth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Security.Tokens;

/// <summary>
/// Keeps <see cref="RoleChangeRegistry"/> in step with the database, as <see cref="RevokedSessionSync"/> does for
/// revoked sessions: at start-up it loads every role change and account deletion within the access-token lifetime (so a
/// restart forgets nothing), then every <c>Jwt:RevocationSyncSeconds</c> picks up those made by other instances and purges
/// entries whose older tokens have all expired. A role change is read as the user's current roles with their version
/// (<c>users.roles_changed_at</c>, indexed); a deletion, whose row and sessions are gone, from the audit log's
/// <c>user.deleted</c> entries of accounts that no longer exist (an account its owner deleted is kept, deactivated, and its
/// sessions are revoked like any other). The cached views of those accounts are dropped too (ADR-017), so another
/// instance's role change or deletion shows in <c>GET /users/me</c> within the same interval.
/// </summary>
internal sealed partial class RoleChangeSync : BackgroundService
{
    // Overlap between polls, so a change committed late with an earlier timestamp is not missed.
    private static readonly TimeSpan s_overlap = TimeSpan.FromSeconds(30);

    private readonly IServiceScopeFactory _scopes;
    private readonly RoleChangeRegistry _registry;
    private readonly UserViewCache _userViews;
    private readonly TimeProvider _clock;
    private readonly ILogger<RoleChangeSync> _logger;
    private readonly TimeSpan _interval;
    private DateTime _watermark;

    public RoleChangeSync(
        IServiceScopeFactory scopes, RoleChangeRegistry registry, UserViewCache userViews, TimeProvider clock, IOptions<JwtOptions> options, ILogger<RoleChangeSync> logger)
    {
        _scopes = scopes;
        _registry = registry;
        _userViews = userViews;
        _clock = clock;
        _logger = logger;
        _interval = TimeSpan.FromSeconds(options.Value.RevocationSyncSeconds);
        _watermark = DateTime.MinValue;
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await SyncOnceAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SyncOnceAsync(stoppingToken);
            _registry.PurgeExpired();
        }
    }

    internal async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var since = _watermark == DateTime.MinValue ? now - _registry.Retention : _watermark - s_overlap;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();

            // One statement, so each user's roles and version are read together.
            var changed = await db.Users.AsNoTracking()
                .Where(u => u.RolesChangedAt != null && u.RolesChangedAt > since)
                .Select(u => new { u.Id, ChangedAt = u.RolesChangedAt!.Value, Roles = u.Roles.Select(r => r.Role).ToList() })
                .ToListAsync(cancellationToken);
            var deleted = await db.AuditLog.AsNoTracking()
                .Where(e => e.EventType == AuditEventType.UserDeleted && e.OccurredAt > since && e.UserId != null)
                .Where(e => !db.Users.Any(u => u.Id == e.UserId))
                .Select(e => new { UserId = e.UserId!.Value, e.OccurredAt })
                .ToListAsync(cancellationToken);

            foreach (var user in changed)
            {
                _registry.SetRoles(user.Id, user.Roles, user.ChangedAt);
            }

            foreach (var entry in deleted)
            {
                _registry.MarkDeleted(entry.UserId, entry.OccurredAt);
            }

            _userViews.Invalidate([.. changed.Select(u => u.Id), .. deleted.Select(e => e.UserId)]);

            _watermark = now;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Never let a failed poll stop the host (an exception escaping a background service does); try again next tick.
            LogSyncFailed(_logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read role changes and deleted accounts; will retry")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);
}
