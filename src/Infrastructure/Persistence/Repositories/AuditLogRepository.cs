using CleanAuth.Domain.Auditing;

namespace CleanAuth.Infrastructure.Persistence.Repositories;

internal sealed class AuditLogRepository : IAuditLogRepository
{
    private readonly CleanAuthDbContext _db;

    public AuditLogRepository(CleanAuthDbContext db) => _db = db;

    public void Add(AuditLogEntry entry) => _db.AuditLog.Add(entry);
}
