using CleanAuth.Application.Auth.Errors;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.Sessions;
using MediatR;

namespace CleanAuth.Application.Sessions.Commands.RevokeSession;

public sealed class RevokeSessionCommandHandler : IRequestHandler<RevokeSessionCommand, Result<Unit>>
{
    private readonly ICurrentUser _currentUser;
    private readonly ISessionRepository _sessions;
    private readonly TimeProvider _clock;

    public RevokeSessionCommandHandler(ICurrentUser currentUser, ISessionRepository sessions, TimeProvider clock)
    {
        _currentUser = currentUser;
        _sessions = sessions;
        _clock = clock;
    }

    public async Task<Result<Unit>> Handle(RevokeSessionCommand request, CancellationToken cancellationToken)
    {
        var userId = _currentUser.UserId ?? throw new UnauthenticatedException();
        var now = _clock.GetUtcNow().UtcDateTime;
        var session = await _sessions.GetByIdAsync(request.SessionId, cancellationToken);
        if (session is null || session.UserId != userId || !session.IsActive(now))
        {
            return AuthErrors.SessionNotFound;
        }

        session.Revoke(SessionRevocationReason.RevokedByUser, now);
        return Unit.Value;
    }
}
