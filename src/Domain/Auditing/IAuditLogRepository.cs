namespace CleanAuth.Domain.Auditing;

/// <summary>The append-only audit log. Entries are only ever added; reads go through specifications.</summary>
public interface IAuditLogRepository
{
    /// <summary>Adds the entry to the current unit of work: it commits (or not) with the change it records.</summary>
    void Add(AuditLogEntry entry);
}
