using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// Asks, from a connection of its own, whether a writer could go ahead at once: on SQLite whether <c>BEGIN IMMEDIATE</c>
/// gets the database's one write lock, on PostgreSQL whether the rows named can be locked by a no-op <c>UPDATE</c>.
/// Waits at most a second either way, so a held lock answers false instead of hanging the test.
/// </summary>
internal static class WriteProbe
{
    public static async Task<bool> CanWriteAsync(InfrastructureHost host, TestProvider provider, CancellationToken cancellationToken, Guid? userId = null, string? throttleKey = null)
    {
        if (provider == TestProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(host.ConnectionString) { DefaultTimeout = 1, Pooling = false };
            await using var sqlite = new SqliteConnection(builder.ConnectionString);
            await sqlite.OpenAsync(cancellationToken);
            try
            {
                await using var begin = sqlite.CreateCommand();
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync(cancellationToken);
                await using var rollback = sqlite.CreateCommand();
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync(cancellationToken);
                return true;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
            {
                return false;
            }
        }

        await using var postgres = new NpgsqlConnection(host.ConnectionString);
        await postgres.OpenAsync(cancellationToken);
        await using var transaction = await postgres.BeginTransactionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(postgres, "SET LOCAL lock_timeout = '1s'", null, cancellationToken);
            if (userId is { } id)
            {
                await ExecuteAsync(postgres, "UPDATE users SET security_stamp = security_stamp WHERE id = @p", id, cancellationToken);
            }

            if (throttleKey is not null)
            {
                await ExecuteAsync(postgres, "UPDATE login_throttles SET failed_count = failed_count WHERE key = @p", throttleKey, cancellationToken);
            }

            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return false;
        }
        finally
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, object? parameter, CancellationToken cancellationToken)
    {
        await using var command = (NpgsqlCommand)connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is not null)
        {
            command.Parameters.AddWithValue("p", parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
