namespace CleanAuth.Application.Common.Paging;

/// <summary>
/// The kept counts (ADR-016), exact as of the reading transaction: all accounts, active ones, ones with a verified email,
/// the holders of each role by name and the audit entries of each type. A role or type with no row counts 0.
/// </summary>
public sealed record ListCounts(
    long Users,
    long ActiveUsers,
    long VerifiedUsers,
    IReadOnlyDictionary<string, long> RoleHolders,
    IReadOnlyDictionary<string, long> AuditEntries)
{
    public long HoldersOf(string role) => RoleHolders.GetValueOrDefault(role);

    public long AuditEntriesOf(string eventType) => AuditEntries.GetValueOrDefault(eventType);

    public long AllAuditEntries => AuditEntries.Values.Sum();
}
