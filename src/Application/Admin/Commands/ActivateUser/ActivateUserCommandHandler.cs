using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Admin.Commands.ActivateUser;

public sealed class ActivateUserCommandHandler : IRequestHandler<ActivateUserCommand, Result<Unit>>
{
    private readonly IUserRepository _users;
    private readonly TimeProvider _clock;

    public ActivateUserCommandHandler(IUserRepository users, TimeProvider clock)
    {
        _users = users;
        _clock = clock;
    }

    public async Task<Result<Unit>> Handle(ActivateUserCommand request, CancellationToken cancellationToken)
    {
        var user = await _users.GetByIdAsync(request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        if (user.IsActive)
        {
            return Unit.Value;
        }

        // Activation changes the security stamp: the row lock orders it with a concurrent deactivation or credential change (ADR-013).
        if (!await _users.TryLockAsync(user, cancellationToken))
        {
            return UserErrors.ConcurrentCredentialChange;
        }

        user.Activate(_clock.GetUtcNow().UtcDateTime);
        return Unit.Value;
    }
}
