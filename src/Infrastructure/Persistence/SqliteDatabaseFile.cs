using CleanAuth.Infrastructure.FileSystem;
using Microsoft.Data.Sqlite;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>
/// The SQLite database file and its folder, created for the service's user only (folder 0700, file 0600) before SQLite
/// opens the file; SQLite then gives its journal and WAL files the database file's mode.
/// </summary>
internal static class SqliteDatabaseFile
{
    private static readonly string[] s_companionSuffixes = ["-wal", "-shm", "-journal"];

    /// <summary>The database file's full path, or null for an in-memory database or a URI file name.</summary>
    public static string? PathOf(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (string.IsNullOrWhiteSpace(dataSource) || dataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Path.GetFullPath(dataSource);
    }

    /// <summary>Creates the folder (0700) and an empty database file (0600) when they do not exist yet.</summary>
    public static void CreatePrivately(string connectionString)
    {
        if (PathOf(connectionString) is not { } file)
        {
            return;
        }

        if (Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            OwnerOnly.CreateFolder(folder);
        }

        if (!File.Exists(file))
        {
            OwnerOnly.EnsureFile(file); // an empty file is an empty SQLite database
        }
    }

    /// <summary>The folder, the database file and its journal/WAL files, whether or not they exist.</summary>
    public static IEnumerable<string> Paths(string connectionString)
    {
        if (PathOf(connectionString) is not { } file)
        {
            yield break;
        }

        if (Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            yield return folder;
        }

        yield return file;
        foreach (var suffix in s_companionSuffixes)
        {
            yield return file + suffix;
        }
    }
}
