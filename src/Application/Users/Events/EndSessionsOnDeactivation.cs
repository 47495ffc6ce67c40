using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Events;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Users.Events;

/// <summary>A deactivated or deleted account keeps no session: every one ends, in the same transaction.</summary>
public sealed class EndSessionsOnDeactivation :
    INotificationHandler<BeforeCommit<UserDeactivatedEvent>>,
    INotificationHandler<BeforeCommit<AccountDeletedEvent>>
{
    private readonly ISessionRepository _sessions;

    public EndSessionsOnDeactivation(ISessionRepository sessions) => _sessions = sessions;

    public Task Handle(BeforeCommit<UserDeactivatedEvent> notification, CancellationToken cancellationToken) =>
        _sessions.RevokeAllAsync(notification.Event.UserId, SessionRevocationReason.AccountDeactivated, notification.Event.OccurredAt, cancellationToken);

    public Task Handle(BeforeCommit<AccountDeletedEvent> notification, CancellationToken cancellationToken) =>
        _sessions.RevokeAllAsync(notification.Event.UserId, SessionRevocationReason.AccountDeactivated, notification.Event.OccurredAt, cancellationToken);
}
