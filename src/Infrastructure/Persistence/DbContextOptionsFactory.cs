using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>Provider set-up shared by the application and the design-time factories, so migrations see the same model.</summary>
public static class DbContextOptionsFactory
{
    // EF rebuilds a SQLite table to alter it, between PRAGMA foreign_keys = 0 and = 1, which SQLite ignores inside a
    // transaction; EF warns about it on every new database. It is EF's own, generated step, so it is logged at Debug:
    // a newcomer's first run shows no warning they could act on.
    public static void UseSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString).UseSnakeCaseNamingConvention()
            .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug)));

    public static void UsePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(WithFastFailure(connectionString)).UseSnakeCaseNamingConvention();

    /// <summary>A database outage should answer 503 within seconds, not after Npgsql's 15 s default.</summary>
    private static string WithFastFailure(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Timeout"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5 }.ConnectionString;
    }
}
