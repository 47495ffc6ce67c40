using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Configurations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>Turns a unique-index violation into the business error it means, for each provider.</summary>
internal static class UniqueViolations
{
    private const int SqliteConstraintUnique = 2067;

    // PostgreSQL names the index; SQLite names the columns ("UNIQUE constraint failed: users.normalized_email").
    private static readonly (string Index, string SqliteColumn, Error Error)[] s_known =
    [
        (UserConfiguration.UniqueEmailIndex, "users.normalized_email", UserErrors.EmailTaken),
        (UserConfiguration.UniqueUsernameIndex, "users.normalized_username", UserErrors.UsernameTaken),
    ];

    public static Error? Translate(DbUpdateException exception)
    {
        switch (exception.InnerException)
        {
            case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg:
                return s_known.FirstOrDefault(k => k.Index == pg.ConstraintName).Error;
            case SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique } sqlite:
                return s_known.FirstOrDefault(k => sqlite.Message.Contains(k.SqliteColumn, StringComparison.Ordinal)).Error;
            default:
                return null;
        }
    }
}
