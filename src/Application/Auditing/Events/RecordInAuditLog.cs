using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Auditing.Events;

/// <summary>
/// Writes the audit entry of each audited event in the transaction of the change it records (ADR-004): it commits or
/// rolls back with it. What each entry says is <see cref="AuditEntries"/>; this only hands the events over.
/// </summary>
public sealed class RecordInAuditLog :
    INotificationHandler<BeforeCommit<UserRegisteredEvent>>,
    INotificationHandler<BeforeCommit<AdminBootstrappedEvent>>,
    INotificationHandler<BeforeCommit<SessionStartedEvent>>,
    INotificationHandler<BeforeCommit<LoginFailedEvent>>,
    INotificationHandler<BeforeCommit<LoginThrottledEvent>>,
    INotificationHandler<BeforeCommit<SessionRevokedEvent>>,
    INotificationHandler<BeforeCommit<AllSessionsEndedEvent>>,
    INotificationHandler<BeforeCommit<PasswordChangedEvent>>,
    INotificationHandler<BeforeCommit<PasswordResetRequestedEvent>>,
    INotificationHandler<BeforeCommit<PasswordResetEvent>>,
    INotificationHandler<BeforeCommit<EmailVerificationSentEvent>>,
    INotificationHandler<BeforeCommit<EmailVerifiedEvent>>,
    INotificationHandler<BeforeCommit<EmailChangeRequestedEvent>>,
    INotificationHandler<BeforeCommit<EmailChangedEvent>>,
    INotificationHandler<BeforeCommit<ProfileUpdatedEvent>>,
    INotificationHandler<BeforeCommit<UserActivatedEvent>>,
    INotificationHandler<BeforeCommit<UserDeactivatedEvent>>,
    INotificationHandler<BeforeCommit<AccountDeletedEvent>>,
    INotificationHandler<BeforeCommit<UserDeletedEvent>>,
    INotificationHandler<BeforeCommit<RolesChangedEvent>>,
    INotificationHandler<BeforeCommit<InvitationCreatedEvent>>,
    INotificationHandler<BeforeCommit<AccessDeniedEvent>>
{
    private readonly IAuditLogRepository _auditLog;
    private readonly IRequestContext _request;

    public RecordInAuditLog(IAuditLogRepository auditLog, IRequestContext request)
    {
        _auditLog = auditLog;
        _request = request;
    }

    public Task Handle(BeforeCommit<UserRegisteredEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<AdminBootstrappedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<SessionStartedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<LoginFailedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<LoginThrottledEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<SessionRevokedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<AllSessionsEndedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<PasswordChangedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<PasswordResetRequestedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<PasswordResetEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<EmailVerificationSentEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<EmailVerifiedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<EmailChangeRequestedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<EmailChangedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<ProfileUpdatedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<UserActivatedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<UserDeactivatedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<AccountDeletedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<UserDeletedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<RolesChangedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<InvitationCreatedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    public Task Handle(BeforeCommit<AccessDeniedEvent> notification, CancellationToken cancellationToken) => Record(notification.Event, notification.Actor);

    private Task Record(IDomainEvent domainEvent, Actor actor)
    {
        if (AuditEntries.For(domainEvent, actor, _request) is { } entry)
        {
            _auditLog.Add(entry);
        }

        return Task.CompletedTask;
    }
}
