using CleanAuth.Application.Common.Metrics;
using CleanAuth.Infrastructure.Mail;
using CleanAuth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Outbox;

/// <summary>
/// Carries out the outbox in the background, knowing no kind: claims each due message with a short lease (so
/// instances never handle one twice at once), hands it to the <see cref="IOutboxHandler"/> registered for its kind
/// (in a scope of its own), marks it handled and erases its payload; on failure (including a kind with no handler
/// here, which a newer instance may know) retries with exponential backoff, and after
/// <see cref="EmailOptions.MaxAttempts"/> moves it to the dead state (logged, erased, and counted in the readiness
/// details). An outage (mail server, database) never fails a request and never loses a message.
/// A shutdown stops it claiming messages but lets the one it is carrying out (a mail being sent) finish and be
/// recorded: the host waits for it up to <c>HostOptions:ShutdownTimeout</c>.
/// Each mail's attempt is counted (<c>cleanauth_emails_total</c>: sent, failed, dead), and while the outbox gauge is
/// read (<see cref="CleanAuthMetrics.OutboxCountWanted"/>) each poll counts the pending and dead messages for it: the
/// worker already polls the table on its own thread, so a scrape never waits on the database and nobody pays for the
/// count while nothing reads the gauge.
/// </summary>
internal sealed partial class OutboxDispatcher : BackgroundService
{
    private const int BatchSize = 20;
    private static readonly TimeSpan s_lease = TimeSpan.FromMinutes(2);

    private readonly IServiceScopeFactory _scopes;
    private readonly OutboxHandlers _handlers;
    private readonly TimeProvider _clock;
    private readonly EmailOptions _options;
    private readonly CleanAuthMetrics _metrics;
    private readonly ILogger<OutboxDispatcher> _logger;

    public OutboxDispatcher(
        IServiceScopeFactory scopes, OutboxHandlers handlers, TimeProvider clock, IOptions<EmailOptions> options, CleanAuthMetrics metrics, ILogger<OutboxDispatcher> logger)
    {
        _scopes = scopes;
        _handlers = handlers;
        _clock = clock;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.PollIntervalSeconds));
        do
        {
            try
            {
                while (await DeliverDueAsync(stoppingToken) == BatchSize)
                {
                    // A full batch: there may be more waiting.
                }

                if (_metrics.OutboxCountWanted)
                {
                    await CountForMetricsAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Never let a failed poll stop the host (an exception escaping a background service does).
                LogPollFailed(_logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Carries out what is due now; returns how many messages it looked at. Once <paramref name="stoppingToken"/> fires
    /// it claims no further message, but one already claimed is carried out and recorded regardless.
    /// </summary>
    internal async Task<int> DeliverDueAsync(CancellationToken stoppingToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();
        var now = _clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.DeadAt == null && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Take(BatchSize)
            .ToListAsync(stoppingToken);

        foreach (var message in due)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                break; // the rest stays due, for the next start or another instance
            }

            // Still due: another dispatcher may have tried it since the read above, failed, and scheduled a retry.
            // Claimed, a message is seen through (no cancellation): a shutdown must not cut a mail off mid-send.
            var leaseUntil = _clock.GetUtcNow().UtcDateTime + s_lease;
            var claimed = await db.OutboxMessages
                .Where(m => m.Id == message.Id && m.SentAt == null && m.DeadAt == null && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, leaseUntil), CancellationToken.None);
            if (claimed == 1)
            {
                await HandleAsync(db, message, CancellationToken.None);
            }
        }

        return due.Count;
    }

    /// <summary>Counts the pending and dead messages for the <c>cleanauth_outbox_messages</c> gauge.</summary>
    internal async Task CountForMetricsAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var (pending, dead) = await OutboxHealthCheck.CountAsync(scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>(), cancellationToken);
        _metrics.OutboxCounted(pending, dead);
    }

    private async Task HandleAsync(CleanAuthDbContext db, OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var handlerType = _handlers.Find(message.Kind)
                ?? throw new InvalidOperationException($"No outbox handler is registered for kind '{message.Kind}'.");

            // Each message in a scope of its own: a handler that writes does so in its own unit of work.
            await using var scope = _scopes.CreateAsyncScope();
            var handler = (IOutboxHandler)scope.ServiceProvider.GetRequiredService(handlerType);
            await handler.HandleAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await RecordFailureAsync(db, message, ex, cancellationToken);
            return;
        }

        var sentAt = _clock.GetUtcNow().UtcDateTime;
        await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.LeaseUntil, (DateTime?)null).SetProperty(m => m.Payload, Array.Empty<byte>()),
            cancellationToken);
        CountMail(message, EmailResult.Sent);
        LogSent(_logger, message.Kind, message.Id, message.Attempts + 1);
    }

    private async Task RecordFailureAsync(CleanAuthDbContext db, OutboxMessage message, Exception exception, CancellationToken cancellationToken)
    {
        var attempts = message.Attempts + 1;
        var now = _clock.GetUtcNow().UtcDateTime;
        var error = $"{exception.GetType().Name}: {exception.Message}";
        error = error.Length <= OutboxMessage.MaxErrorLength ? error : error[..OutboxMessage.MaxErrorLength];
        if (attempts >= _options.MaxAttempts)
        {
            await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.DeadAt, now).SetProperty(m => m.LeaseUntil, (DateTime?)null).SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.Payload, Array.Empty<byte>()),
                cancellationToken);
            CountMail(message, EmailResult.Dead);
            LogDead(_logger, message.Kind, message.Id, attempts, exception);
            return;
        }

        var next = now + _options.RetryDelay(attempts);
        await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LeaseUntil, (DateTime?)null).SetProperty(m => m.LastError, error),
            cancellationToken);
        CountMail(message, EmailResult.Failed);
        LogRetry(_logger, message.Kind, message.Id, attempts, next, exception.Message);
    }

    private void CountMail(OutboxMessage message, EmailResult result)
    {
        if (MailKinds.IsMail(message.Kind))
        {
            _metrics.Email(result);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Kind} {MessageId} done (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string kind, Guid messageId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Kind} {MessageId} failed (attempt {Attempt}); next try at {NextAttemptAt:o}: {Reason}")]
    private static partial void LogRetry(ILogger logger, string kind, Guid messageId, int attempt, DateTime nextAttemptAt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {Kind} {MessageId} moved to the dead state after {Attempts} attempts")]
    private static partial void LogDead(ILogger logger, string kind, Guid messageId, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the outbox; will retry")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
