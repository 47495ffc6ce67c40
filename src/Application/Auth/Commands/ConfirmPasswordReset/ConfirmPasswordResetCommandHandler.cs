using CleanAuth.Application.Auth.Errors;
using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Validation;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.ConfirmPasswordReset;

public sealed class ConfirmPasswordResetCommandHandler : IRequestHandler<ConfirmPasswordResetCommand, Result<Unit>>
{
    private readonly AccountTokenIssuer _tokens;
    private readonly IUserRepository _users;
    private readonly ILoginThrottleRepository _throttles;
    private readonly IPasswordHasher _hasher;
    private readonly IPasswordPolicy _policy;
    private readonly TimeProvider _clock;

    public ConfirmPasswordResetCommandHandler(
        AccountTokenIssuer tokens, IUserRepository users, ILoginThrottleRepository throttles, IPasswordHasher hasher, IPasswordPolicy policy, TimeProvider clock)
    {
        _tokens = tokens;
        _users = users;
        _throttles = throttles;
        _hasher = hasher;
        _policy = policy;
        _clock = clock;
    }

    public async Task<Result<Unit>> Handle(ConfirmPasswordResetCommand request, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var token = await _tokens.FindUsableAsync(AccountTokenKind.PasswordReset, request.Token!, now, cancellationToken);
        var user = token?.UserId is { } userId ? await _users.GetByIdAsync(userId, cancellationToken) : null;
        if (token is null || user is not { IsActive: true })
        {
            return AuthErrors.InvalidAccountToken;
        }

        // A refused password throws before the token is claimed, so the same link can be used again. The hash runs before
        // the claim, the command's first write, so no transaction is held while it runs; a request that then loses the
        // claim to a concurrent one (the same link sent twice) has hashed for nothing.
        await _hasher.EnsureAcceptableNewPasswordAsync(_policy, user, request.NewPassword!, nameof(request.NewPassword), cancellationToken);
        var passwordHash = await _hasher.HashAsync(request.NewPassword!, cancellationToken);
        if (!await _tokens.TryClaimAsync(token, now, cancellationToken))
        {
            return AuthErrors.InvalidAccountToken;
        }

        // Lockout row before user row, the order logins take them in. With the user row locked, no login can add a
        // session that the revocation below would miss (ADR-013). A change that committed meanwhile rolls this back,
        // the token included, so the link can be used again.
        await _throttles.ClearAsync(LoginThrottle.ForUser(user.Id), cancellationToken);
        if (!await _users.TryLockAsync(user, cancellationToken))
        {
            throw new ConflictException(UserErrors.ConcurrentCredentialChange);
        }

        // Also proves the address (the link reached it); what follows handles PasswordResetEvent.
        user.ResetPassword(passwordHash, now);
        return Unit.Value;
    }
}
