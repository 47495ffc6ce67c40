using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Admin.Commands.RevokeUserSessions;

public sealed class RevokeUserSessionsCommandHandler : IRequestHandler<RevokeUserSessionsCommand, Result<Unit>>
{
    private readonly IUserRepository _users;
    private readonly ISessionRepository _sessions;
    private readonly PendingEvents _events;
    private readonly TimeProvider _clock;

    public RevokeUserSessionsCommandHandler(IUserRepository users, ISessionRepository sessions, PendingEvents events, TimeProvider clock)
    {
        _users = users;
        _sessions = sessions;
        _events = events;
        _clock = clock;
    }

    public async Task<Result<Unit>> Handle(RevokeUserSessionsCommand request, CancellationToken cancellationToken)
    {
        var user = await _users.GetByIdAsync(request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        // Each revocation reaches the revoked-session registry after the commit; RevokedByAdmin itself records nothing,
        // the one AllSessionsEndedEvent records the action.
        var now = _clock.GetUtcNow().UtcDateTime;
        await _sessions.RevokeAllAsync(user.Id, SessionRevocationReason.RevokedByAdmin, now, cancellationToken);
        _events.Raise(new AllSessionsEndedEvent(user.Id, now));
        return Unit.Value;
    }
}
