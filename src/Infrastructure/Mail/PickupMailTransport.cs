using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CleanAuth.Infrastructure.Mail;

/// <summary>Writes each message to the pickup folder as an .eml file a person can open.</summary>
internal sealed class PickupMailTransport : IMailTransport
{
    private readonly string _folder;

    public PickupMailTransport(IOptions<EmailOptions> options, IHostEnvironment environment) =>
        _folder = Path.GetFullPath(options.Value.PickupDirectory, environment.ContentRootPath);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_folder);
        // Names sort in the order the mails were sent.
        var path = Path.Combine(_folder, $"{DateTime.UtcNow:yyyyMMdd'T'HHmmssfffffff'Z'}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(path, cancellationToken);
    }
}
