using CleanAuth.Application.Common.Events;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Common.Metrics;

/// <summary>
/// Counts the outcomes that domain events tell, once their transaction has committed (ADR-004), so a change that rolls
/// back is never counted: registrations, logins (a session started, a refusal, a throttled attempt) and completed
/// password resets. A refresh raises no event of its own: its handler counts it.
/// </summary>
public sealed class RecordInMetrics :
    INotificationHandler<AfterCommit<UserRegisteredEvent>>,
    INotificationHandler<AfterCommit<SessionStartedEvent>>,
    INotificationHandler<AfterCommit<LoginFailedEvent>>,
    INotificationHandler<AfterCommit<LoginThrottledEvent>>,
    INotificationHandler<AfterCommit<PasswordResetEvent>>
{
    private readonly CleanAuthMetrics _metrics;

    public RecordInMetrics(CleanAuthMetrics metrics) => _metrics = metrics;

    /// <summary>The operator's admin accounts (start-up bootstrap, <c>create-admin</c>) are not registrations.</summary>
    public Task Handle(AfterCommit<UserRegisteredEvent> notification, CancellationToken cancellationToken)
    {
        if (notification.Actor.Kind != ActorKind.Operator)
        {
            _metrics.UserRegistered();
        }

        return Task.CompletedTask;
    }

    public Task Handle(AfterCommit<SessionStartedEvent> notification, CancellationToken cancellationToken) => Count(LoginResult.Succeeded);

    public Task Handle(AfterCommit<LoginFailedEvent> notification, CancellationToken cancellationToken) => Count(LoginResult.Failed);

    public Task Handle(AfterCommit<LoginThrottledEvent> notification, CancellationToken cancellationToken) => Count(LoginResult.Throttled);

    public Task Handle(AfterCommit<PasswordResetEvent> notification, CancellationToken cancellationToken)
    {
        _metrics.PasswordResetCompleted();
        return Task.CompletedTask;
    }

    private Task Count(LoginResult result)
    {
        _metrics.Login(result);
        return Task.CompletedTask;
    }
}
