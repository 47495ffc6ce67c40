using CleanAuth.Domain.Common;

namespace CleanAuth.Application.Common.Events;

/// <summary>
/// Events of the current unit of work that belong to no aggregate (a failed login has no row to change). The unit of
/// work dispatches them with the aggregates' events. One per scope.
/// </summary>
public sealed class PendingEvents
{
    private readonly List<IDomainEvent> _events = [];

    public void Raise(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        _events.Add(domainEvent);
    }

    /// <summary>The events raised so far, forgetting them.</summary>
    public IReadOnlyList<IDomainEvent> TakeAll()
    {
        if (_events.Count == 0)
        {
            return [];
        }

        var taken = _events.ToArray();
        _events.Clear();
        return taken;
    }
}
