using CleanAuth.Infrastructure.Mail;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CleanAuth.Infrastructure.Outbox.Handlers;

/// <summary>
/// The mail kinds (<see cref="MailKinds"/>): decrypts the rendered mail (<see cref="MailContent"/>) and hands it to
/// <see cref="IMailTransport"/> (SMTP or the pickup folder) for <see cref="OutboxMessage.Recipient"/>.
/// Queued by <see cref="AccountMailer"/>.
/// </summary>
internal sealed class MailHandler : IOutboxHandler
{
    private readonly IMailTransport _transport;
    private readonly OutboxPayloadProtector _protector;
    private readonly string _from;

    public MailHandler(IMailTransport transport, OutboxPayloadProtector protector, IOptions<EmailOptions> options)
    {
        _transport = transport;
        _protector = protector;
        _from = options.Value.From;
    }

    public static IReadOnlyCollection<string> Kinds => MailKinds.All;

    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        _transport.SendAsync(Compose(message), cancellationToken);

    private MimeMessage Compose(OutboxMessage message)
    {
        var recipient = message.Recipient ?? throw new InvalidOperationException("The queued mail has no recipient.");
        var content = _protector.Unprotect<MailContent>(message.Payload);
        var mime = new MimeMessage { Subject = content.Subject, MessageId = $"{message.Id:N}@cleanauth" };
        mime.From.Add(MailboxAddress.Parse(_from));
        mime.To.Add(MailboxAddress.Parse(recipient));
        mime.Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody();
        return mime;
    }
}
