using CleanAuth.Application.Admin.Common;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Admin.Commands.DeactivateUser;

public sealed class DeactivateUserCommandHandler : IRequestHandler<DeactivateUserCommand, Result<Unit>>
{
    private readonly AdminChangeGuards _guards;
    private readonly IUserRepository _users;
    private readonly TimeProvider _clock;

    public DeactivateUserCommandHandler(AdminChangeGuards guards, IUserRepository users, TimeProvider clock)
    {
        _guards = guards;
        _users = users;
        _clock = clock;
    }

    public async Task<Result<Unit>> Handle(DeactivateUserCommand request, CancellationToken cancellationToken)
    {
        var user = await _guards.LockAndFindAsync(request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        if (await _guards.CheckAsync(user, removesAdmin: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!user.IsActive)
        {
            return Unit.Value;
        }

        // The row lock keeps a racing login from adding a session the revocation would miss (ADR-013).
        if (!await _users.TryLockAsync(user, cancellationToken))
        {
            return UserErrors.ConcurrentCredentialChange;
        }

        // Every session ends with it, revoked in this transaction (EndSessionsOnDeactivation).
        user.Deactivate(_clock.GetUtcNow().UtcDateTime);
        return Unit.Value;
    }
}
