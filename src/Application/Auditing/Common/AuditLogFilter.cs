using CleanAuth.Application.Common.Paging;

namespace CleanAuth.Application.Auditing.Common;

/// <summary>Which audit entries to list; a null field does not filter. <see cref="From"/> is inclusive, <see cref="To"/> exclusive (UTC).</summary>
public sealed record AuditLogFilter(
    Guid? UserId = null, Guid? ActorId = null, string? EventType = null, DateTime? From = null, DateTime? To = null)
{
    /// <summary>
    /// How many entries the filter selects, from the kept counts, when it filters on the event type alone or not at all;
    /// null when only counting the matches can tell.
    /// </summary>
    public long? CountFrom(ListCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (UserId is not null || ActorId is not null || From is not null || To is not null)
        {
            return null;
        }

        return EventType is { } eventType ? counts.AuditEntriesOf(eventType) : counts.AllAuditEntries;
    }
}
