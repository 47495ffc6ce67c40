using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.RequestEmailVerification;

public sealed class RequestEmailVerificationCommandHandler : IRequestHandler<RequestEmailVerificationCommand, Unit>
{
    private readonly ICurrentUser _currentUser;
    private readonly IUserRepository _users;
    private readonly AccountTokenIssuer _issuer;
    private readonly TimeProvider _clock;

    public RequestEmailVerificationCommandHandler(ICurrentUser currentUser, IUserRepository users, AccountTokenIssuer issuer, TimeProvider clock)
    {
        _currentUser = currentUser;
        _users = users;
        _issuer = issuer;
        _clock = clock;
    }

    public async Task<Unit> Handle(RequestEmailVerificationCommand request, CancellationToken cancellationToken)
    {
        var user = await _users.GetCurrentAsync(_currentUser, cancellationToken);
        var target = user.PendingEmail ?? (user.EmailVerified ? null : user.Email);
        if (target is not null)
        {
            await _issuer.SendEmailVerificationAsync(user.Id, Email.Create(target), _clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        return Unit.Value;
    }
}
