using CleanAuth.Application.Auth.Dtos;
using CleanAuth.Application.Auth.Errors;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.RefreshTokens;

/// <summary>
/// Rotation with reuse detection. The live token rotates to a successor derived from it, so a replay within
/// the grace window (two tabs refreshing at once) can be answered with the very same successor without ever
/// storing a token. Any other replay of a rotated token revokes the whole session.
/// </summary>
public sealed class RefreshTokensCommandHandler : IRequestHandler<RefreshTokensCommand, Result<TokenPairDto>>
{
    private readonly ISessionRepository _sessions;
    private readonly IUserRepository _users;
    private readonly ITokenService _tokens;
    private readonly TimeProvider _clock;

    public RefreshTokensCommandHandler(ISessionRepository sessions, IUserRepository users, ITokenService tokens, TimeProvider clock)
    {
        _sessions = sessions;
        _users = users;
        _tokens = tokens;
        _clock = clock;
    }

    public async Task<Result<TokenPairDto>> Handle(RefreshTokensCommand request, CancellationToken cancellationToken)
    {
        var presented = request.RefreshToken!;
        var token = await _sessions.FindRefreshTokenAsync(_tokens.HashOpaqueToken(presented), cancellationToken);
        var now = _clock.GetUtcNow().UtcDateTime;
        if (token is null || !token.Session.IsActive(now))
        {
            return AuthErrors.InvalidToken;
        }

        var session = token.Session;
        var user = await _users.GetByIdAsync(session.UserId, cancellationToken);
        if (user is null || !user.IsActive)
        {
            session.Revoke(SessionRevocationReason.AccountDeactivated, now);
            return AuthErrors.InvalidToken;
        }

        var successor = _tokens.DeriveSuccessor(presented);
        if (!token.IsRotated && await _sessions.TryClaimRotationAsync(token.Id, now, cancellationToken))
        {
            session.Rotate(token, successor.Hash, now, _tokens.RefreshTokenIdleTimeout);
            return _tokens.CreateTokenPair(session, user.RoleNames, successor.Value, now);
        }

        // Rotated before, or by a concurrent request a moment ago (whose successor is now committed).
        var rotatedAt = token.RotatedAt ?? now;
        var successorToken = await _sessions.FindSuccessorAsync(token.Id, cancellationToken);
        var withinGrace = now - rotatedAt <= _tokens.RefreshReuseGrace;
        if (withinGrace && successorToken is { IsRotated: false } && successorToken.TokenHash == successor.Hash)
        {
            return _tokens.CreateTokenPair(session, user.RoleNames, successor.Value, now);
        }

        session.Revoke(SessionRevocationReason.RefreshTokenReuse, now);
        return AuthErrors.InvalidToken;
    }
}
