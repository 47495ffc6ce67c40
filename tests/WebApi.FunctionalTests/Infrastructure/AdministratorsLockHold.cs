using Npgsql;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// Holds the administrators' lock (ADR-015: the <c>admin</c> row of <c>roles</c>) from a connection of the test's own, so
/// that requests which remove an admin can be started together and are all seen waiting inside their transactions before
/// any of them may count: the interleaving the guard must survive, made certain instead of hoped for.
/// </summary>
public sealed class AdministratorsLockHold : IAsyncDisposable
{
    private static readonly TimeSpan s_waitLimit = TimeSpan.FromSeconds(30);

    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;

    private AdministratorsLockHold(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<AdministratorsLockHold> TakeAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("UPDATE roles SET name = name WHERE name = 'admin'", connection, transaction);
        (await command.ExecuteNonQueryAsync(cancellationToken)).Should().Be(1);
        return new AdministratorsLockHold(connection, transaction);
    }

    /// <summary>
    /// Sends <paramref name="requests"/> at once while the lock is held, waits until each is blocked on it, then releases
    /// it and returns the answers in order. Fails, with the early answer, if a request finishes without reaching the lock.
    /// </summary>
    public static async Task<HttpResponseMessage[]> RaceAsync(string connectionString, CancellationToken cancellationToken, params Func<Task<HttpResponseMessage>>[] requests)
    {
        await using var hold = await TakeAsync(connectionString, cancellationToken);
        var sent = requests.Select(r => Task.Run(r, cancellationToken)).ToArray();
        var deadline = DateTime.UtcNow + s_waitLimit;
        while (await hold.WaitingAsync(cancellationToken) < requests.Length)
        {
            if (sent.FirstOrDefault(t => t.IsCompleted) is { } early)
            {
                var answer = await early;
                throw new InvalidOperationException(
                    $"A request answered {(int)answer.StatusCode} before reaching the administrators' lock: {await answer.Content.ReadAsStringAsync(cancellationToken)}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Fewer than {requests.Length} requests waited for the administrators' lock within {s_waitLimit.TotalSeconds:0} s. Sessions:\n{await hold.DescribeSessionsAsync(cancellationToken)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }

        await hold.ReleaseAsync();
        return await Task.WhenAll(sent);
    }

    /// <summary>How many other sessions of the database wait for the lock.</summary>
    public async Task<int> WaitingAsync(CancellationToken cancellationToken)
    {
        await ClearStatisticsSnapshotAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() " +
            "AND wait_event_type = 'Lock' AND query LIKE 'UPDATE roles SET name = name%'",
            _connection, _transaction);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<string> DescribeSessionsAsync(CancellationToken cancellationToken)
    {
        await ClearStatisticsSnapshotAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(state, '') || ' | ' || coalesce(wait_event_type, '') || ' | ' || coalesce(wait_event, '') || ' | ' || coalesce(query, '') " +
            "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
            _connection, _transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    // Inside a transaction PostgreSQL answers pg_stat_activity from one snapshot; each poll needs a fresh one.
    private async Task ClearStatisticsSnapshotAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", _connection, _transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReleaseAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync();
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        await _connection.DisposeAsync();
    }
}
