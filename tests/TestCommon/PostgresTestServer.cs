using Npgsql;

namespace CleanAuth.TestCommon;

/// <summary>
/// The real PostgreSQL server the tests run against: <c>CLEANAUTH_TEST_PG</c> names it (build/test.sh starts a
/// throwaway cluster and sets it). Each test host gets a database of its own, dropped afterwards.
/// </summary>
public static class PostgresTestServer
{
    public const string EnvironmentVariable = "CLEANAUTH_TEST_PG";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run build/test.sh (it starts a throwaway PostgreSQL), or set it to a connection string of a server where the user may create databases.");

    public static async Task<PostgresTestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"cleanauth_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true };
        return new PostgresTestDatabase(name, builder.ConnectionString);
    }

    internal static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A database of its own on the test server, dropped on dispose.</summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    internal PostgresTestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public ValueTask DisposeAsync() => new(PostgresTestServer.DropDatabaseAsync(Name));
}
