using System.Data;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Paging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>
/// Reads <c>list_counts</c>, the counts the database's own triggers keep (ADR-016; the migrations <c>ListCounts</c>
/// create table and triggers, outside the EF model): a few dozen rows named <c>users</c>, <c>users:active</c>,
/// <c>users:verified</c>, <c>role:&lt;name&gt;</c> and <c>audit:&lt;event type&gt;</c>.
/// </summary>
internal sealed class ListCountsQueries : IListCounts
{
    private const string RolePrefix = "role:";
    private const string AuditPrefix = "audit:";

    private readonly CleanAuthDbContext _db;

    public ListCountsQueries(CleanAuthDbContext db) => _db = db;

    public async Task<ListCounts> GetAsync(CancellationToken cancellationToken)
    {
        long users = 0, active = 0, verified = 0;
        var roleHolders = new Dictionary<string, long>(StringComparer.Ordinal);
        var auditEntries = new Dictionary<string, long>(StringComparer.Ordinal);

        var connection = _db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await _db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, count FROM list_counts";
            command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                var count = reader.GetInt64(1);
                switch (name)
                {
                    case "users":
                        users = count;
                        break;
                    case "users:active":
                        active = count;
                        break;
                    case "users:verified":
                        verified = count;
                        break;
                    default:
                        if (name.StartsWith(RolePrefix, StringComparison.Ordinal))
                        {
                            roleHolders[name[RolePrefix.Length..]] = count;
                        }
                        else if (name.StartsWith(AuditPrefix, StringComparison.Ordinal))
                        {
                            auditEntries[name[AuditPrefix.Length..]] = count;
                        }

                        break;
                }
            }
        }
        finally
        {
            if (opened)
            {
                await _db.Database.CloseConnectionAsync();
            }
        }

        return new ListCounts(users, active, verified, roleHolders, auditEntries);
    }
}
