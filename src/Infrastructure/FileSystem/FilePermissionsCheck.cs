using CleanAuth.Infrastructure.Mail;
using CleanAuth.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.FileSystem;

/// <summary>
/// At start-up, warns about every existing folder or file holding secrets that other users of the machine may read
/// (group or other bits set): the SQLite database, its folder and journal/WAL files, and the mail pickup folder
/// and its .eml files (live reset links). New ones are created for the service's user only; existing ones are left
/// as they are, since they may have been opened up on purpose.
/// </summary>
internal sealed partial class FilePermissionsCheck : IHostedService
{
    private readonly IOptions<DatabaseOptions> _database;
    private readonly IOptions<EmailOptions> _email;
    private readonly IHostEnvironment _environment;
    private readonly ILogger<FilePermissionsCheck> _logger;

    public FilePermissionsCheck(IOptions<DatabaseOptions> database, IOptions<EmailOptions> email, IHostEnvironment environment, ILogger<FilePermissionsCheck> logger)
    {
        _database = database;
        _email = email;
        _environment = environment;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_database.Value.Provider == DatabaseProvider.Sqlite)
        {
            foreach (var path in SqliteDatabaseFile.Paths(_database.Value.ConnectionString))
            {
                Check(path);
            }
        }

        if (_email.Value.Provider == EmailProvider.Pickup)
        {
            var folder = PickupMailTransport.FolderOf(_email.Value, _environment);
            Check(folder);
            if (Directory.Exists(folder))
            {
                var loose = Directory.EnumerateFiles(folder, "*.eml").Where(file => OwnerOnly.LooseMode(file) is not null).ToList();
                if (loose.Count > 0)
                {
                    LogLooseMail(_logger, loose.Count, folder, loose[0]);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Check(string path)
    {
        if (OwnerOnly.LooseMode(path) is { } mode)
        {
            var isFolder = Directory.Exists(path);
            LogLoose(_logger, path, OwnerOnly.Octal(mode), OwnerOnly.Octal(isFolder ? OwnerOnly.FolderMode : OwnerOnly.FileMode));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} holds secrets but other users on this machine may access it (mode {Mode}); restrict it with chmod {Expected}")]
    private static partial void LogLoose(ILogger logger, string path, string mode, string expected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} mail files in {Folder} (e.g. {Path}) hold reset links but other users on this machine may read them; restrict them with chmod 600")]
    private static partial void LogLooseMail(ILogger logger, int count, string folder, string path);
}
