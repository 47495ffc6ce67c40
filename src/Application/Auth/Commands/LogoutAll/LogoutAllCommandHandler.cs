using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Sessions;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.LogoutAll;

public sealed class LogoutAllCommandHandler : IRequestHandler<LogoutAllCommand, Unit>
{
    private readonly ICurrentUser _currentUser;
    private readonly ISessionRepository _sessions;
    private readonly PendingEvents _events;
    private readonly TimeProvider _clock;

    public LogoutAllCommandHandler(ICurrentUser currentUser, ISessionRepository sessions, PendingEvents events, TimeProvider clock)
    {
        _currentUser = currentUser;
        _sessions = sessions;
        _events = events;
        _clock = clock;
    }

    public async Task<Unit> Handle(LogoutAllCommand request, CancellationToken cancellationToken)
    {
        var userId = _currentUser.UserId ?? throw new UnauthenticatedException();
        var now = _clock.GetUtcNow().UtcDateTime;
        await _sessions.RevokeAllAsync(userId, SessionRevocationReason.LogoutAll, now, cancellationToken);
        _events.Raise(new AllSessionsEndedEvent(userId, now));
        return Unit.Value;
    }
}
