using CleanAuth.Application.Common.Events;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Infrastructure.Security.Tokens;

/// <summary>
/// A role change applies from the user's next request on this instance, and a deleted account's tokens stop, once the
/// change has committed (<see cref="RoleChangeRegistry"/>; other instances learn it from <see cref="RoleChangeSync"/>).
/// </summary>
internal sealed class RoleChangePublisher : INotificationHandler<AfterCommit<RolesChangedEvent>>, INotificationHandler<AfterCommit<UserDeletedEvent>>
{
    private readonly RoleChangeRegistry _registry;

    public RoleChangePublisher(RoleChangeRegistry registry) => _registry = registry;

    public Task Handle(AfterCommit<RolesChangedEvent> notification, CancellationToken cancellationToken)
    {
        // OccurredAt is the users.roles_changed_at the commit wrote: the same version the poll reads.
        _registry.SetRoles(notification.Event.UserId, notification.Event.NewRoles, notification.Event.OccurredAt);
        return Task.CompletedTask;
    }

    public Task Handle(AfterCommit<UserDeletedEvent> notification, CancellationToken cancellationToken)
    {
        _registry.MarkDeleted(notification.Event.UserId, notification.Event.OccurredAt);
        return Task.CompletedTask;
    }
}
