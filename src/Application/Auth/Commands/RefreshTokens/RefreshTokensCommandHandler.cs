using CleanAuth.Application.Auth.Dtos;
using CleanAuth.Application.Auth.Errors;
using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Metrics;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.Sessions;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.RefreshTokens;

/// <summary>
/// Rotation with reuse detection. The live token rotates to a successor derived from it, so a replay within
/// the grace window (two tabs refreshing at once) can be answered with the very same successor without ever
/// storing a token. Any other replay of a rotated token revokes the whole session. A refresh raises no event of its
/// own, so the outcome is counted here (<see cref="CleanAuthMetrics.TokenRefresh"/>), as the handler decides it.
/// </summary>
public sealed class RefreshTokensCommandHandler : IRequestHandler<RefreshTokensCommand, Result<TokenPairDto>>
{
    private readonly ISessionRepository _sessions;
    private readonly ActiveUserViews _userViews;
    private readonly ITokenService _tokens;
    private readonly TimeProvider _clock;
    private readonly CleanAuthMetrics _metrics;

    public RefreshTokensCommandHandler(ISessionRepository sessions, ActiveUserViews userViews, ITokenService tokens, TimeProvider clock, CleanAuthMetrics metrics)
    {
        _sessions = sessions;
        _userViews = userViews;
        _tokens = tokens;
        _clock = clock;
        _metrics = metrics;
    }

    public async Task<Result<TokenPairDto>> Handle(RefreshTokensCommand request, CancellationToken cancellationToken)
    {
        var (result, outcome) = await RefreshAsync(request, cancellationToken);
        _metrics.TokenRefresh(outcome);
        return result;
    }

    private async Task<(Result<TokenPairDto> Result, TokenRefreshResult Outcome)> RefreshAsync(RefreshTokensCommand request, CancellationToken cancellationToken)
    {
        var presented = request.RefreshToken!;
        var token = await _sessions.FindRefreshTokenToRotateAsync(_tokens.HashOpaqueToken(presented), cancellationToken);
        var now = _clock.GetUtcNow().UtcDateTime;
        if (token is null || !token.Session.IsActive(now))
        {
            return (AuthErrors.InvalidToken, TokenRefreshResult.Failed);
        }

        var session = token.Session;
        // The account's view as GET /users/me sees it (ADR-017): its roles and active state, without a read on a cache hit.
        var user = await _userViews.FindAsync(session.UserId, cancellationToken);
        if (user is null)
        {
            await RevokeAsync(session.Id, SessionRevocationReason.AccountDeactivated, now, cancellationToken);
            return (AuthErrors.InvalidToken, TokenRefreshResult.Failed);
        }

        var successor = _tokens.DeriveSuccessor(presented);
        if (!token.IsRotated)
        {
            // Rotated in memory, written in one go unless a concurrent request rotated it first (ADR-020).
            var next = session.Rotate(token, successor.Hash, now, _tokens.RefreshTokenIdleTimeout);
            if (await _sessions.TrySaveRotationAsync(token, next, cancellationToken))
            {
                return (_tokens.CreateTokenPair(session, user.Roles, successor.Value, now), TokenRefreshResult.Succeeded);
            }
        }

        // Rotated before, or by a concurrent request a moment ago (whose successor is now committed).
        var rotatedAt = token.RotatedAt ?? now;
        var successorToken = await _sessions.FindSuccessorAsync(token.Id, cancellationToken);
        var withinGrace = now - rotatedAt <= _tokens.RefreshReuseGrace;
        if (withinGrace && successorToken is { IsRotated: false } && successorToken.TokenHash == successor.Hash)
        {
            return (_tokens.CreateTokenPair(session, user.Roles, successor.Value, now), TokenRefreshResult.Succeeded);
        }

        await RevokeAsync(session.Id, SessionRevocationReason.RefreshTokenReuse, now, cancellationToken);
        return (AuthErrors.InvalidToken, TokenRefreshResult.ReuseDetected);
    }

    // The rotation's read is untracked: a revocation goes to the session loaded for it, so the unit of work saves it.
    private async Task RevokeAsync(Guid sessionId, SessionRevocationReason reason, DateTime now, CancellationToken cancellationToken)
    {
        var session = await _sessions.GetByIdAsync(sessionId, cancellationToken);
        session?.Revoke(reason, now);
    }
}
