using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Validation;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.ChangePassword;

/// <summary>Sets a new password; what follows (other sessions end, reset links retire, a notice) handles <see cref="PasswordChangedEvent"/>.</summary>
public sealed class ChangePasswordCommandHandler : IRequestHandler<ChangePasswordCommand, Result<Unit>>
{
    private readonly ICurrentUser _currentUser;
    private readonly IUserRepository _users;
    private readonly IPasswordHasher _hasher;
    private readonly CredentialGuard _guard;
    private readonly IPasswordPolicy _policy;
    private readonly TimeProvider _clock;

    public ChangePasswordCommandHandler(
        ICurrentUser currentUser, IUserRepository users, CredentialGuard guard, IPasswordHasher hasher, IPasswordPolicy policy, TimeProvider clock)
    {
        _currentUser = currentUser;
        _users = users;
        _guard = guard;
        _hasher = hasher;
        _policy = policy;
        _clock = clock;
    }

    public async Task<Result<Unit>> Handle(ChangePasswordCommand request, CancellationToken cancellationToken)
    {
        var user = await _users.GetCurrentAsync(_currentUser, cancellationToken);
        if (!await _guard.IsCurrentPasswordAsync(user, request.CurrentPassword!, cancellationToken))
        {
            return UserErrors.WrongCurrentPassword;
        }

        await _hasher.EnsureAcceptableNewPasswordAsync(_policy, user, request.NewPassword!, nameof(request.NewPassword), cancellationToken);
        var passwordHash = await _hasher.HashAsync(request.NewPassword!, cancellationToken);

        // A parallel change (or reset) that committed first makes the verified password stale: at most one succeeds.
        // Holding the row lock from here, no login can add a session that the revocation would miss (ADR-013).
        if (!await _users.TryLockAsync(user, cancellationToken))
        {
            return UserErrors.WrongCurrentPassword;
        }

        user.ChangePassword(passwordHash, _clock.GetUtcNow().UtcDateTime);
        return Unit.Value;
    }
}
