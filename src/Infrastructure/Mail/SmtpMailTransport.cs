using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CleanAuth.Infrastructure.Mail;

internal sealed class SmtpMailTransport : IMailTransport
{
    private readonly SmtpOptions _options;

    public SmtpMailTransport(IOptions<EmailOptions> options) => _options = options.Value.Smtp;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = _options.TimeoutSeconds * 1000 };
        // UseStartTls makes TLS mandatory; otherwise it is used whenever the server offers it.
        var security = _options.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.StartTlsWhenAvailable;
        await client.ConnectAsync(_options.Host, _options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(_options.Username))
        {
            if (!client.IsSecure)
            {
                throw new InvalidOperationException("The SMTP server offers no TLS; credentials are never sent in clear text.");
            }

            await client.AuthenticateAsync(_options.Username, _options.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
