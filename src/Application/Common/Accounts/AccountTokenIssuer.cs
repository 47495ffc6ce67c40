using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Common.Accounts;

/// <summary>
/// Issues a mailed token: retires the older ones of its kind, stores only the new one's hash, and queues the
/// mail with the raw token in the same transaction.
/// </summary>
public sealed class AccountTokenIssuer
{
    private readonly IAccountTokenRepository _tokens;
    private readonly ITokenService _tokenService;
    private readonly IAccountMailer _mailer;
    private readonly AuthOptions _options;

    public AccountTokenIssuer(IAccountTokenRepository tokens, ITokenService tokenService, IAccountMailer mailer, IOptions<AuthOptions> options)
    {
        _tokens = tokens;
        _tokenService = tokenService;
        _mailer = mailer;
        _options = options.Value;
    }

    /// <summary>Mails a verification link to <paramref name="email"/> (the account's address or the one it is changing to).</summary>
    public async Task SendEmailVerificationAsync(Guid userId, Email email, DateTime now, CancellationToken cancellationToken)
    {
        await _tokens.SupersedeForUserAsync(AccountTokenKind.EmailVerification, userId, now, cancellationToken);
        var token = _tokenService.NewOpaqueToken();
        _tokens.Add(AccountToken.ForEmailVerification(userId, email.Normalized, token.Hash, now, _options.EmailVerificationLifetime));
        _mailer.EmailVerification(email.Value, token.Value);
    }

    public async Task SendPasswordResetAsync(User user, DateTime now, CancellationToken cancellationToken)
    {
        await _tokens.SupersedeForUserAsync(AccountTokenKind.PasswordReset, user.Id, now, cancellationToken);
        var token = _tokenService.NewOpaqueToken();
        _tokens.Add(AccountToken.ForPasswordReset(user.Id, token.Hash, now, _options.PasswordResetLifetime));
        _mailer.PasswordReset(user.Email, token.Value);
    }

    /// <summary>Creates an invitation, mailed when it is pinned to an address; returns the raw token and when it expires.</summary>
    public async Task<(string Token, DateTime ExpiresAt)> CreateInvitationAsync(Email? email, IReadOnlyCollection<string> roles, DateTime now, CancellationToken cancellationToken)
    {
        if (email is not null)
        {
            await _tokens.SupersedeInvitationsAsync(email.Normalized, now, cancellationToken);
        }

        var token = _tokenService.NewOpaqueToken();
        var invitation = AccountToken.ForInvitation(email?.Normalized, roles, token.Hash, now, _options.InvitationLifetime);
        _tokens.Add(invitation);
        if (email is not null)
        {
            _mailer.Invitation(email.Value, token.Value);
        }

        return (token.Value, invitation.ExpiresAt);
    }

    /// <summary>
    /// Claims a mailed token of <paramref name="kind"/>: found, unexpired, unused, and not used by a concurrent
    /// request. Null otherwise (one answer for every reason).
    /// </summary>
    public async Task<AccountToken?> ClaimAsync(AccountTokenKind kind, string rawToken, DateTime now, CancellationToken cancellationToken)
    {
        var token = await FindUsableAsync(kind, rawToken, now, cancellationToken);
        return token is not null && await TryClaimAsync(token, now, cancellationToken) ? token : null;
    }

    /// <summary>Finds a usable token without claiming it (to check a request before spending the token).</summary>
    public async Task<AccountToken?> FindUsableAsync(AccountTokenKind kind, string rawToken, DateTime now, CancellationToken cancellationToken)
    {
        var token = await _tokens.FindAsync(kind, _tokenService.HashOpaqueToken(rawToken), cancellationToken);
        return token is not null && token.IsUsable(now) ? token : null;
    }

    public async Task<bool> TryClaimAsync(AccountToken token, DateTime now, CancellationToken cancellationToken) =>
        await _tokens.TryConsumeAsync(token.Id, now, cancellationToken);
}
