using System.Collections.Concurrent;
using System.Linq.Expressions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Common;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Common.Events;

/// <summary>
/// Publishes domain events as MediatR notifications in the two phases of a unit of work (<see cref="BeforeCommit{TEvent}"/>,
/// <see cref="AfterCommit{TEvent}"/>), stamped with who acted. Every event committed is also logged as a security event
/// (its type and actor; never its fields).
/// </summary>
public sealed partial class DomainEventDispatcher
{
    private static readonly ConcurrentDictionary<(Type Phase, Type Event), Func<IDomainEvent, Actor, INotification>> s_factories = new();

    private readonly IMediator _mediator;
    private readonly ICurrentUser _currentUser;
    private readonly ILogger<DomainEventDispatcher> _logger;

    public DomainEventDispatcher(IMediator mediator, ICurrentUser currentUser, ILogger<DomainEventDispatcher> logger)
    {
        _mediator = mediator;
        _currentUser = currentUser;
        _logger = logger;
    }

    /// <summary>The caller, as the current request was authenticated.</summary>
    public Actor CurrentActor => _currentUser switch
    {
        { IsOperator: true } => Actor.Operator,
        { IsAuthenticated: true, UserId: { } userId } => Actor.ForUser(userId),
        _ => Actor.Anonymous,
    };

    public Task PublishBeforeCommitAsync(IDomainEvent domainEvent, CancellationToken cancellationToken) =>
        _mediator.Publish(Wrap(typeof(BeforeCommit<>), domainEvent), cancellationToken);

    /// <summary>
    /// After the commit the change stands whatever a handler does: a handler's failure is logged, and the others
    /// still run.
    /// </summary>
    public async Task PublishAfterCommitAsync(IReadOnlyList<IDomainEvent> domainEvents, CancellationToken cancellationToken)
    {
        var actor = CurrentActor;
        foreach (var domainEvent in domainEvents)
        {
            LogSecurityEvent(_logger, domainEvent.GetType().Name, actor.Kind, actor.UserId);
            try
            {
                await _mediator.Publish(Wrap(typeof(AfterCommit<>), domainEvent, actor), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogAfterCommitFailed(_logger, ex, domainEvent.GetType().Name);
            }
        }
    }

    private INotification Wrap(Type phase, IDomainEvent domainEvent, Actor? actor = null) =>
        s_factories.GetOrAdd((phase, domainEvent.GetType()), static key =>
        {
            // Compiled once per event type and phase: publishing costs a delegate call, not reflection.
            var notification = key.Phase.MakeGenericType(key.Event);
            var domainEvent = Expression.Parameter(typeof(IDomainEvent));
            var actor = Expression.Parameter(typeof(Actor));
            var create = Expression.New(notification.GetConstructor([key.Event, typeof(Actor)])!, Expression.Convert(domainEvent, key.Event), actor);
            return Expression.Lambda<Func<IDomainEvent, Actor, INotification>>(create, domainEvent, actor).Compile();
        })(domainEvent, actor ?? CurrentActor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Security event {EventType} (actor: {ActorKind} {ActorId})")]
    private static partial void LogSecurityEvent(ILogger logger, string eventType, ActorKind actorKind, Guid? actorId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler of {EventType} failed after its transaction had committed")]
    private static partial void LogAfterCommitFailed(ILogger logger, Exception exception, string eventType);
}
