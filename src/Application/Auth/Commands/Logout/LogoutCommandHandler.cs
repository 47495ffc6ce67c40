using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Sessions;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.Logout;

public sealed class LogoutCommandHandler : IRequestHandler<LogoutCommand, Unit>
{
    private readonly ICurrentUser _currentUser;
    private readonly ISessionRepository _sessions;
    private readonly ITokenService _tokens;
    private readonly TimeProvider _clock;

    public LogoutCommandHandler(ICurrentUser currentUser, ISessionRepository sessions, ITokenService tokens, TimeProvider clock)
    {
        _currentUser = currentUser;
        _sessions = sessions;
        _tokens = tokens;
        _clock = clock;
    }

    public async Task<Unit> Handle(LogoutCommand request, CancellationToken cancellationToken)
    {
        var userId = _currentUser.UserId ?? throw new UnauthenticatedException();
        var sessionId = _currentUser.SessionId ?? throw new UnauthenticatedException();
        var now = _clock.GetUtcNow().UtcDateTime;

        var current = await _sessions.GetByIdAsync(sessionId, cancellationToken);
        if (current is not null && current.UserId == userId)
        {
            current.Revoke(SessionRevocationReason.Logout, now);
        }

        // A refresh token of someone else's session is ignored: logout never reveals or touches other accounts.
        if (!string.IsNullOrEmpty(request.RefreshToken))
        {
            var token = await _sessions.FindRefreshTokenAsync(_tokens.HashOpaqueToken(request.RefreshToken), cancellationToken);
            if (token is not null && token.Session.UserId == userId)
            {
                token.Session.Revoke(SessionRevocationReason.Logout, now);
            }
        }

        return Unit.Value;
    }
}
