using CleanAuth.Application.Common.Events;
using CleanAuth.Domain.Sessions;
using MediatR;

namespace CleanAuth.Infrastructure.Security.Tokens;

/// <summary>A revoked session's access tokens stop on this instance's next request, once the revocation has committed.</summary>
internal sealed class RevokedSessionPublisher : INotificationHandler<AfterCommit<SessionRevokedEvent>>
{
    private readonly RevokedSessionRegistry _registry;

    public RevokedSessionPublisher(RevokedSessionRegistry registry) => _registry = registry;

    public Task Handle(AfterCommit<SessionRevokedEvent> notification, CancellationToken cancellationToken)
    {
        _registry.Add(notification.Event.SessionId, notification.Event.OccurredAt);
        return Task.CompletedTask;
    }
}
