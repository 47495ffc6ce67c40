using CleanAuth.Domain.Common;
using MediatR;

namespace CleanAuth.Application.Common.Events;

/// <summary>
/// A domain event in the command's transaction, before it commits: what a handler of this writes commits or rolls
/// back with the command. Handle <c>INotificationHandler&lt;BeforeCommit&lt;TEvent&gt;&gt;</c> (ADR-004).
/// </summary>
public sealed record BeforeCommit<TEvent>(TEvent Event, Actor Actor) : INotification
    where TEvent : IDomainEvent;

/// <summary>
/// A domain event once its transaction has committed: for effects that must never see a change that is rolled back
/// (in-memory state, anything outside the database). Never published for a command that failed with an exception.
/// </summary>
public sealed record AfterCommit<TEvent>(TEvent Event, Actor Actor) : INotification
    where TEvent : IDomainEvent;
