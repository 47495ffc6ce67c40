using CleanAuth.Infrastructure.FileSystem;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CleanAuth.Infrastructure.Mail;

/// <summary>
/// Writes each message to the pickup folder as an .eml file a person can open. The mails hold live links, so the
/// folder is created 0700 and every file 0600 (on Unix, whatever the umask).
/// </summary>
internal sealed class PickupMailTransport : IMailTransport
{
    private readonly string _folder;

    public PickupMailTransport(IOptions<EmailOptions> options, IHostEnvironment environment) =>
        _folder = FolderOf(options.Value, environment);

    /// <summary>The pickup folder's full path: <see cref="EmailOptions.PickupDirectory"/>, relative to the content root unless absolute.</summary>
    public static string FolderOf(EmailOptions options, IHostEnvironment environment) =>
        Path.GetFullPath(options.PickupDirectory, environment.ContentRootPath);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        OwnerOnly.CreateFolder(_folder);
        // Names sort in the order the mails were sent.
        var path = Path.Combine(_folder, $"{DateTime.UtcNow:yyyyMMdd'T'HHmmssfffffff'Z'}-{Guid.NewGuid():N}.eml");
        await using var file = OwnerOnly.CreateFile(path);
        await message.WriteToAsync(file, cancellationToken);
    }
}
