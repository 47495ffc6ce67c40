using CleanAuth.Domain.Common;

namespace CleanAuth.Application.Common.Events;

/// <summary>
/// Events of the current unit of work that belong to no aggregate (a failed login has no row to change). The unit of
/// work dispatches them with the aggregates' events. One per scope.
/// </summary>
/// <remarks>
/// A <em>refusal</em> (<see cref="RaiseRefusal"/>) is an event raised just before the request is refused with an
/// exception (a throttled login, a missing permission): the exception rolls the unit of work back, so
/// <see cref="Behaviors.RefusalRecordingBehavior{TRequest, TResponse}"/> takes the refusals and commits them on their own
/// (ADR-004). Should the request commit after all, they are dispatched with the others, once.
/// </remarks>
public sealed class PendingEvents
{
    private readonly List<IDomainEvent> _events = [];
    private readonly List<IDomainEvent> _refusals = [];

    public bool HasRefusals => _refusals.Count > 0;

    public void Raise(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        _events.Add(domainEvent);
    }

    /// <summary>Raises an event that is recorded even though the request ends in an exception that rolls it back.</summary>
    public void RaiseRefusal(IDomainEvent domainEvent)
    {
        Raise(domainEvent);
        _refusals.Add(domainEvent);
    }

    /// <summary>The events raised so far, forgetting them (refusals included: they are dispatched with the others).</summary>
    public IReadOnlyList<IDomainEvent> TakeAll()
    {
        _refusals.Clear();
        if (_events.Count == 0)
        {
            return [];
        }

        var taken = _events.ToArray();
        _events.Clear();
        return taken;
    }

    /// <summary>
    /// The refusals not yet dispatched, once the request has failed; every other pending event is forgotten (it rolled
    /// back with the request).
    /// </summary>
    public IReadOnlyList<IDomainEvent> TakeRefusals()
    {
        var taken = _refusals.ToArray();
        _refusals.Clear();
        _events.Clear();
        return taken;
    }
}
