using Ardalis.Specification;
using CleanAuth.Application.Common.Paging;
using CleanAuth.Domain.Auditing;

namespace CleanAuth.Application.Auditing.Common;

/// <summary>
/// A page of the audit log, newest first (ties by id, newest first too): each filter leads an index of
/// <c>audit_log</c> that ends in <c>(occurred_at, id)</c>, so a page is an index range read backwards.
/// </summary>
public sealed class AuditLogPageSpec : Specification<AuditLogEntry>
{
    public AuditLogPageSpec(AuditLogFilter filter, PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.UserId is { } userId)
        {
            Query.Where(e => e.UserId == userId);
        }

        if (filter.ActorId is { } actorId)
        {
            Query.Where(e => e.ActorId == actorId);
        }

        if (filter.EventType is { } eventType)
        {
            Query.Where(e => e.EventType == eventType);
        }

        if (filter.From is { } from)
        {
            Query.Where(e => e.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            Query.Where(e => e.OccurredAt < to);
        }

        Query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip(page.SkipOrMax)
            .Take(page.Size);
    }
}
