using CleanAuth.Application.Common.Accounts;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.RequestPasswordReset;

public sealed class RequestPasswordResetCommandHandler : IRequestHandler<RequestPasswordResetCommand, Unit>
{
    private readonly IUserRepository _users;
    private readonly AccountTokenIssuer _issuer;
    private readonly TimeProvider _clock;

    public RequestPasswordResetCommandHandler(IUserRepository users, AccountTokenIssuer issuer, TimeProvider clock)
    {
        _users = users;
        _issuer = issuer;
        _clock = clock;
    }

    public async Task<Unit> Handle(RequestPasswordResetCommand request, CancellationToken cancellationToken)
    {
        // The mail goes out in the background, so the answer takes the same time either way.
        var user = await _users.FindByNormalizedEmailAsync(Email.Normalize(request.Email!), cancellationToken);
        if (user is { IsActive: true })
        {
            await _issuer.SendPasswordResetAsync(user, _clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        return Unit.Value;
    }
}
