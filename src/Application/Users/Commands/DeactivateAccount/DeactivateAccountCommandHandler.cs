using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Users.Commands.DeactivateAccount;

public sealed class DeactivateAccountCommandHandler : IRequestHandler<DeactivateAccountCommand, Result<Unit>>
{
    private readonly ICurrentUser _currentUser;
    private readonly IUserRepository _users;
    private readonly CredentialGuard _guard;
    private readonly TimeProvider _clock;

    public DeactivateAccountCommandHandler(ICurrentUser currentUser, IUserRepository users, CredentialGuard guard, TimeProvider clock)
    {
        _currentUser = currentUser;
        _users = users;
        _guard = guard;
        _clock = clock;
    }

    public async Task<Result<Unit>> Handle(DeactivateAccountCommand request, CancellationToken cancellationToken)
    {
        var user = await _users.GetCurrentAsync(_currentUser, cancellationToken);
        if (!await _guard.IsCurrentPasswordAsync(user, request.Password!, cancellationToken))
        {
            return UserErrors.WrongCurrentPassword;
        }

        // The last active admin stays: counted under the administrators' lock, taken before the user row lock (ADR-015).
        await _users.LockAdministratorsAsync(cancellationToken);
        if (await _users.IsLastActiveAdminAsync(user.Id, cancellationToken))
        {
            return UserErrors.LastAdmin;
        }

        // The row lock keeps a racing login from adding a session the revocation below would miss (ADR-013).
        if (!await _users.TryLockAsync(user, cancellationToken))
        {
            return UserErrors.WrongCurrentPassword;
        }

        // Every session ends with it (AccountDeletedEvent).
        user.DeleteAccount(_clock.GetUtcNow().UtcDateTime);
        return Unit.Value;
    }
}
