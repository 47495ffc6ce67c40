using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Auth.Events;

/// <summary>
/// What follows a new password, in its transaction: the other sessions end (all of them after a reset; the caller's
/// stays after a change), outstanding reset links stop working, and the owner is told by mail.
/// The command has locked the user row first (ADR-013), so no racing login can add a session this misses.
/// </summary>
public sealed class EndSessionsAfterPasswordChange :
    INotificationHandler<BeforeCommit<PasswordChangedEvent>>,
    INotificationHandler<BeforeCommit<PasswordResetEvent>>
{
    private readonly ISessionRepository _sessions;
    private readonly IAccountTokenRepository _tokens;
    private readonly IAccountMailer _mailer;
    private readonly ICurrentUser _currentUser;

    public EndSessionsAfterPasswordChange(ISessionRepository sessions, IAccountTokenRepository tokens, IAccountMailer mailer, ICurrentUser currentUser)
    {
        _sessions = sessions;
        _tokens = tokens;
        _mailer = mailer;
        _currentUser = currentUser;
    }

    public Task Handle(BeforeCommit<PasswordChangedEvent> notification, CancellationToken cancellationToken)
    {
        var changed = notification.Event;
        return FollowAsync(changed.UserId, changed.Email, SessionRevocationReason.PasswordChanged, changed.OccurredAt, _currentUser.SessionId, cancellationToken);
    }

    public Task Handle(BeforeCommit<PasswordResetEvent> notification, CancellationToken cancellationToken)
    {
        var reset = notification.Event;
        return FollowAsync(reset.UserId, reset.Email, SessionRevocationReason.PasswordReset, reset.OccurredAt, keep: null, cancellationToken);
    }

    private async Task FollowAsync(Guid userId, string email, SessionRevocationReason reason, DateTime now, Guid? keep, CancellationToken cancellationToken)
    {
        await _sessions.RevokeAllAsync(userId, reason, now, cancellationToken, keep);
        await _tokens.SupersedeForUserAsync(AccountTokenKind.PasswordReset, userId, now, cancellationToken);
        _mailer.PasswordChanged(email);
    }
}
