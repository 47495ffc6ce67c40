using CleanAuth.Application.Auth.Errors;
using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.ConfirmEmailVerification;

public sealed class ConfirmEmailVerificationCommandHandler : IRequestHandler<ConfirmEmailVerificationCommand, Result<Unit>>
{
    private readonly AccountTokenIssuer _tokens;
    private readonly IUserRepository _users;
    private readonly IAccountTokenRepository _accountTokens;
    private readonly TimeProvider _clock;

    public ConfirmEmailVerificationCommandHandler(AccountTokenIssuer tokens, IUserRepository users, IAccountTokenRepository accountTokens, TimeProvider clock)
    {
        _accountTokens = accountTokens;
        _tokens = tokens;
        _users = users;
        _clock = clock;
    }

    public async Task<Result<Unit>> Handle(ConfirmEmailVerificationCommand request, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var token = await _tokens.FindUsableAsync(AccountTokenKind.EmailVerification, request.Token!, now, cancellationToken);
        var user = token?.UserId is { } userId ? await _users.GetByIdAsync(userId, cancellationToken) : null;
        if (token is null || user is not { IsActive: true } || !await _tokens.TryClaimAsync(token, now, cancellationToken))
        {
            return AuthErrors.InvalidAccountToken;
        }

        // Taking an address someone registered meanwhile fails at commit on the unique index (409 EMAIL_TAKEN).
        var changed = token.Email == user.PendingNormalizedEmail;
        if (!user.ConfirmEmail(token.Email!, now))
        {
            return AuthErrors.InvalidAccountToken;
        }

        // Reset links sent to the old address stop working once the address has changed.
        if (changed)
        {
            await _accountTokens.SupersedeForUserAsync(AccountTokenKind.PasswordReset, user.Id, now, cancellationToken);
        }

        return Unit.Value;
    }
}
