using CleanAuth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Security.Tokens;

/// <summary>
/// Keeps <see cref="RevokedSessionRegistry"/> in step with the database: at start-up it loads every session
/// revoked within the access-token lifetime (so a restart forgets nothing), then polls for revocations made
/// by other instances and purges entries whose access tokens have all expired.
/// </summary>
internal sealed partial class RevokedSessionSync : BackgroundService
{
    // Overlap between polls, so a revocation committed late with an earlier timestamp is not missed.
    private static readonly TimeSpan s_overlap = TimeSpan.FromSeconds(30);

    private readonly IServiceScopeFactory _scopes;
    private readonly RevokedSessionRegistry _registry;
    private readonly TimeProvider _clock;
    private readonly ILogger<RevokedSessionSync> _logger;
    private readonly TimeSpan _interval;
    private DateTime _watermark;

    public RevokedSessionSync(IServiceScopeFactory scopes, RevokedSessionRegistry registry, TimeProvider clock, IOptions<JwtOptions> options, ILogger<RevokedSessionSync> logger)
    {
        _scopes = scopes;
        _registry = registry;
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
            var revoked = await db.Sessions.AsNoTracking()
                .Where(s => s.RevokedAt != null && s.RevokedAt > since)
                .Select(s => new { s.Id, s.RevokedAt })
                .ToListAsync(cancellationToken);
            foreach (var session in revoked)
            {
                _registry.Add(session.Id, session.RevokedAt!.Value);
            }

            _watermark = now;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Never let a failed poll stop the host (an exception escaping a background service does); try again next tick.
            LogSyncFailed(_logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read revoked sessions; will retry")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);
}
