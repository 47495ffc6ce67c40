using System.Collections.Concurrent;
using CleanAuth.Infrastructure.Mail;
using MimeKit;

namespace CleanAuth.Infrastructure.IntegrationTests.Mail;

/// <summary>An <see cref="IMailTransport"/> that keeps every message handed to it, and can be slow or failing.</summary>
internal sealed class RecordingMailTransport : IMailTransport
{
    public ConcurrentQueue<MimeMessage> Handed { get; } = new();

    /// <summary>Thrown for every message (after it is recorded as handed over) while set.</summary>
    public Exception? Failure { get; set; }

    public TimeSpan Delay { get; set; }

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Handed.Enqueue(message);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        if (Failure is not null)
        {
            throw Failure;
        }
    }
}
