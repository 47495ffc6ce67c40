using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>Provider set-up shared by the application and the design-time factories, so migrations see the same model.</summary>
public static class DbContextOptionsFactory
{
    public static void UseSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString).UseSnakeCaseNamingConvention();

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
