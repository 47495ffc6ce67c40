using CleanAuth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Maintenance;

/// <summary>
/// Deletes what nobody needs any more, older than the retention period: expired or used account tokens, expired or
/// revoked sessions (with their refresh tokens), delivered or dead mail, and throttles with no recent failure or lock.
/// </summary>
internal sealed partial class PurgeService : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly MaintenanceOptions _options;
    private readonly ILogger<PurgeService> _logger;

    public PurgeService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<MaintenanceOptions> options, ILogger<PurgeService> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(_options.IntervalMinutes));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(_logger, ex);
            }
        }
    }

    internal async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();
        var now = _clock.GetUtcNow().UtcDateTime;
        var cutoff = now - TimeSpan.FromDays(_options.RetentionDays);

        var tokens = await db.AccountTokens.Where(t => t.ExpiresAt < cutoff || t.ConsumedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var sessions = await db.Sessions.Where(s => s.ExpiresAt < cutoff || s.IdleExpiresAt < cutoff || s.RevokedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var mail = await db.OutboxMessages.Where(m => m.SentAt < cutoff || m.DeadAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var throttles = await db.LoginThrottles.Where(t => t.LastFailureAt < cutoff && (t.LockedUntil == null || t.LockedUntil < now)).ExecuteDeleteAsync(cancellationToken);
        LogPurged(_logger, tokens, sessions, mail, throttles);
        return tokens + sessions + mail + throttles;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Tokens} account tokens, {Sessions} sessions, {Mail} delivered mails, {Throttles} login throttles")]
    private static partial void LogPurged(ILogger logger, int tokens, int sessions, int mail, int throttles);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purge failed; will retry at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
