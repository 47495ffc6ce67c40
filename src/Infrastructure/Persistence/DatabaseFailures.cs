using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>Recognizes a database that is unreachable or overloaded (worth a 503 and a retry), as opposed to a bug.</summary>
internal sealed class DatabaseFailures : IOutageClassifier
{
    private static readonly TimeSpan s_retryAfter = TimeSpan.FromSeconds(5);

    public ServiceUnavailableException? Classify(Exception exception) =>
        IsUnavailable(exception) ? new ServiceUnavailableException("The database is unavailable.", s_retryAfter, exception) : null;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    private static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql is not PostgresException:
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" or "08006" or "08001" or "08003" }:
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked or SqliteIoError or SqliteFull or SqliteCantOpen }:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
