using CleanAuth.Application.Admin.Common;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Admin.Commands.DeleteUser;

public sealed class DeleteUserCommandHandler : IRequestHandler<DeleteUserCommand, Result<Unit>>
{
    private readonly AdminChangeGuards _guards;
    private readonly IUserRepository _users;
    private readonly IAccountTokenRepository _accountTokens;
    private readonly PendingEvents _events;
    private readonly TimeProvider _clock;

    public DeleteUserCommandHandler(AdminChangeGuards guards, IUserRepository users, IAccountTokenRepository accountTokens, PendingEvents events, TimeProvider clock)
    {
        _guards = guards;
        _users = users;
        _accountTokens = accountTokens;
        _events = events;
        _clock = clock;
    }

    public async Task<Result<Unit>> Handle(DeleteUserCommand request, CancellationToken cancellationToken)
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

        // Invitations pinned to the address would otherwise open it again with whatever roles they name. Retired before
        // the user row is locked: a registration holding such an invitation then fails on the still-taken address
        // instead of waiting for this transaction while it waits for the invitation's row.
        var now = _clock.GetUtcNow().UtcDateTime;
        await _accountTokens.SupersedeInvitationsAsync(user.NormalizedEmail, now, cancellationToken);

        // The row lock keeps a racing login from committing a session on the way out (ADR-013).
        if (!await _users.TryLockAsync(user, cancellationToken))
        {
            return UserErrors.ConcurrentCredentialChange;
        }

        _users.Remove(user);
        _events.Raise(new UserDeletedEvent(user.Id, now));
        return Unit.Value;
    }
}
