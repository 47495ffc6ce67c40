using CleanAuth.Application.Auth.Commands.IssuePasswordReset;
using CleanAuth.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CleanAuth.Infrastructure.Mail;

/// <summary>
/// Delivers queued mail (and runs queued background work) in the background: claims each due message with a short lease (so instances never send
/// one twice at once), sends it, marks it sent and erases its content; on failure retries with exponential
/// backoff, and after <see cref="EmailOptions.MaxAttempts"/> moves it to the dead state (logged, and counted in
/// the readiness details). A mail server outage never fails a request and never loses a message.
/// </summary>
internal sealed partial class OutboxDispatcher : BackgroundService
{
    private const int BatchSize = 20;
    private static readonly TimeSpan s_lease = TimeSpan.FromMinutes(2);

    private readonly IServiceScopeFactory _scopes;
    private readonly IMailTransport _transport;
    private readonly OutboxPayloadProtector _protector;
    private readonly TimeProvider _clock;
    private readonly EmailOptions _options;
    private readonly MailboxAddress _from;
    private readonly ILogger<OutboxDispatcher> _logger;

    public OutboxDispatcher(
        IServiceScopeFactory scopes, IMailTransport transport, OutboxPayloadProtector protector, TimeProvider clock, IOptions<EmailOptions> options, ILogger<OutboxDispatcher> logger)
    {
        _scopes = scopes;
        _transport = transport;
        _protector = protector;
        _clock = clock;
        _options = options.Value;
        _from = MailboxAddress.Parse(_options.From);
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
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Never let a failed poll stop the host (an exception escaping a background service does).
                LogPollFailed(_logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Delivers what is due now; returns how many messages it looked at.</summary>
    internal async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();
        var now = _clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.DeadAt == null && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        foreach (var message in due)
        {
            // Still due: another dispatcher may have tried it since the read above, failed, and scheduled a retry.
            var leaseUntil = _clock.GetUtcNow().UtcDateTime + s_lease;
            var claimed = await db.OutboxMessages
                .Where(m => m.Id == message.Id && m.SentAt == null && m.DeadAt == null && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, leaseUntil), cancellationToken);
            if (claimed == 1)
            {
                await DeliverAsync(db, message, cancellationToken);
            }
        }

        return due.Count;
    }

    private async Task DeliverAsync(CleanAuthDbContext db, OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (OutboxKinds.IsWork(message.Kind))
            {
                await RunWorkAsync(message, cancellationToken);
            }
            else
            {
                await _transport.SendAsync(Compose(message), cancellationToken);
            }
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
            LogDead(_logger, message.Kind, message.Id, attempts, exception);
            return;
        }

        var next = now + _options.RetryDelay(attempts);
        await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LeaseUntil, (DateTime?)null).SetProperty(m => m.LastError, error),
            cancellationToken);
        LogRetry(_logger, message.Kind, message.Id, attempts, next, exception.Message);
    }

    /// <summary>Background work runs as its own command, in its own scope and transaction (its mails queue anew).</summary>
    private async Task RunWorkAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        switch (message.Kind)
        {
            case OutboxKinds.IssuePasswordReset:
                await mediator.Send(new IssuePasswordResetCommand(message.Recipient), cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unknown outbox work '{message.Kind}'.");
        }
    }

    private MimeMessage Compose(OutboxMessage message)
    {
        var content = _protector.Unprotect(message.Payload);
        var mime = new MimeMessage { Subject = content.Subject, MessageId = $"{message.Id:N}@cleanauth" };
        mime.From.Add(_from);
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        mime.Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody();
        return mime;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Kind} {MessageId} done (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string kind, Guid messageId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Kind} {MessageId} failed (attempt {Attempt}); next try at {NextAttemptAt:o}: {Reason}")]
    private static partial void LogRetry(ILogger logger, string kind, Guid messageId, int attempt, DateTime nextAttemptAt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {Kind} {MessageId} moved to the dead state after {Attempts} attempts")]
    private static partial void LogDead(ILogger logger, string kind, Guid messageId, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the mail outbox; will retry")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
