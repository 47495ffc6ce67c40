using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.Persistence;

internal static class DatabaseMigrator
{
    /// <summary>Applies the provider's migrations (creating the SQLite file 0600 and its folder 0700 when needed).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();
        var isSqlite = db is SqliteCleanAuthDbContext;
        if (isSqlite)
        {
            SqliteDatabaseFile.CreatePrivately(db.Database.GetConnectionString()!);
        }

        await db.Database.MigrateAsync(cancellationToken);

        if (isSqlite)
        {
            // Readers no longer block the writer; persistent in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
