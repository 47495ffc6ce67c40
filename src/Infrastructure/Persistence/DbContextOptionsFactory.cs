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
        builder.UseNpgsql(WithDefaults(connectionString)).UseSnakeCaseNamingConvention();

    /// <summary>
    /// Our defaults where the connection string says nothing: a database outage answers 503 within seconds, not after
    /// Npgsql's 15 s; and the statements a request sends over and over (the hot paths' handful) are prepared on each
    /// pooled connection after a few uses, so PostgreSQL stops parsing and planning them every time (Npgsql prepares
    /// nothing by default; issue 10 measured planning at a third of the database's time per refresh). A connection goes
    /// back to the pool without Npgsql's session reset (RESET ALL, CLOSE ALL, UNLISTEN * and four more, parsed and run
    /// before the next lease's first statement): CleanAuth sets no session state, and the reset was a seventh of the
    /// database's time per refresh (ADR-021). An open transaction is still rolled back on return.
    /// </summary>
    private static string WithDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (Silent("Timeout"))
        {
            builder.Timeout = 5;
        }

        if (Silent("Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (Silent("No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;

        // Npgsql takes a setting with or without its spaces; either spelling means the string has said it.
        bool Silent(params string[] spellings) => !spellings.Any(given.ContainsKey);
    }
}
