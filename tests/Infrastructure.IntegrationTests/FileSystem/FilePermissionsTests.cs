using System.Runtime.Versioning;
using CleanAuth.Infrastructure.FileSystem;
using CleanAuth.Infrastructure.IntegrationTests.Persistence;
using CleanAuth.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Infrastructure.IntegrationTests.FileSystem;

/// <summary>
/// The SQLite database and the mail pickup folder hold secrets: under the usual umask (022) they are still created
/// for the service's user only, and existing ones that others may read are reported at start-up.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class FilePermissionsTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;
    private const UnixFileMode Readable = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode ReadableFolder = PrivateFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cleanauth-modes-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task StartupOnSqlite_UnderUmask022_ShouldCreateTheDataFolder0700AndTheDatabaseAndItsWalFiles0600()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(_root.FullName, "data");
        var database = Path.Combine(folder, "cleanauth.db");
        var connectionString = $"Data Source={database};Pooling=False";
        var logs = new CapturingLoggerProvider();

        using (ProcessUmask.Set(ProcessUmask.Usual))
        {
            await using var host = await StartAsync(connectionString, logs, migrate: true);

            // A write while a connection is open keeps the WAL and shared-memory files around to look at.
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var write = connection.CreateCommand();
            write.CommandText = "BEGIN; CREATE TABLE probe (id INTEGER); INSERT INTO probe VALUES (1); COMMIT;";
            await write.ExecuteNonQueryAsync(ct);

            File.GetUnixFileMode(folder).Should().Be(PrivateFolder);
            File.GetUnixFileMode(database).Should().Be(Private);
            File.Exists(database + "-wal").Should().BeTrue("the database is in WAL mode");
            File.GetUnixFileMode(database + "-wal").Should().Be(Private);
            File.GetUnixFileMode(database + "-shm").Should().Be(Private);

            await CheckAsync(host, ct);
        }

        logs.Entries.Should().NotContain(e => e.Category == typeof(FilePermissionsCheck).FullName, "everything was created private");
    }

    [Fact]
    public async Task FirstUseOfSqliteWithoutMigrating_UnderUmask022_ShouldCreateTheDatabase0600()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateDirectory(Path.Combine(_root.FullName, "data"), PrivateFolder).FullName;
        var database = Path.Combine(folder, "cleanauth.db");

        using (ProcessUmask.Set(ProcessUmask.Usual))
        {
            await using var host = await StartAsync($"Data Source={database};Pooling=False", new CapturingLoggerProvider(), migrate: false);
            await using var scope = host.CreateScope();
            await scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>().Database.ExecuteSqlRawAsync("CREATE TABLE probe (id INTEGER);", ct);
        }

        File.GetUnixFileMode(database).Should().Be(Private, "the file is created before SQLite first opens it, not only by the migrator");
    }

    [Fact]
    public async Task Startup_WhenExistingFoldersAndFilesAreReadableByOthers_ShouldWarnNamingEachAndLeaveThemAsTheyAre()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateDirectory(Path.Combine(_root.FullName, "data")).FullName;
        File.SetUnixFileMode(folder, ReadableFolder);
        var database = Path.Combine(folder, "cleanauth.db");
        await File.WriteAllBytesAsync(database, [], ct);
        File.SetUnixFileMode(database, Readable);
        var pickup = Directory.CreateDirectory(Path.Combine(_root.FullName, "mail")).FullName;
        File.SetUnixFileMode(pickup, ReadableFolder);
        var mail = Path.Combine(pickup, "old.eml");
        await File.WriteAllTextAsync(mail, "Subject: reset\r\n\r\nhttps://example.org/reset-password?token=abc\r\n", ct);
        File.SetUnixFileMode(mail, Readable);
        var logs = new CapturingLoggerProvider();

        await using (var host = await StartAsync($"Data Source={database};Pooling=False", logs, migrate: false, pickupDirectory: pickup))
        {
            await CheckAsync(host, ct);
        }

        var warnings = logs.Entries.Where(e => e.Category == typeof(FilePermissionsCheck).FullName && e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        warnings.Should().Contain(w => w.StartsWith(folder + " ", StringComparison.Ordinal) && w.Contains("mode 755", StringComparison.Ordinal));
        warnings.Should().Contain(w => w.StartsWith(database + " ", StringComparison.Ordinal) && w.Contains("mode 644", StringComparison.Ordinal));
        warnings.Should().Contain(w => w.StartsWith(pickup + " ", StringComparison.Ordinal) && w.Contains("mode 755", StringComparison.Ordinal));
        warnings.Should().Contain(w => w.Contains(mail, StringComparison.Ordinal));
        File.GetUnixFileMode(folder).Should().Be(ReadableFolder, "an existing folder keeps the mode its owner gave it");
        File.GetUnixFileMode(database).Should().Be(Readable);
    }

    private static Task<InfrastructureHost> StartAsync(string connectionString, CapturingLoggerProvider logs, bool migrate, string? pickupDirectory = null) =>
        InfrastructureHost.StartAsync(
            TestProvider.Sqlite,
            migrate,
            settings: new Dictionary<string, string?>
            {
                ["ConnectionStrings:Default"] = connectionString,
                ["Email:Provider"] = "Pickup",
                ["Email:PickupDirectory"] = pickupDirectory ?? "mail-never-written",
            },
            configureServices: services => services.AddSingleton<ILoggerProvider>(logs));

    /// <summary>Runs the start-up check the host runs when it starts.</summary>
    private static Task CheckAsync(InfrastructureHost host, CancellationToken ct) =>
        host.Services.GetServices<IHostedService>().OfType<FilePermissionsCheck>().Should().ContainSingle().Subject.StartAsync(ct);
}
