using CleanAuth.Application.Common.Accounts;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.IssuePasswordReset;

public sealed class IssuePasswordResetCommandHandler : IRequestHandler<IssuePasswordResetCommand, Unit>
{
    private readonly IUserRepository _users;
    private readonly AccountTokenIssuer _issuer;
    private readonly TimeProvider _clock;

    public IssuePasswordResetCommandHandler(IUserRepository users, AccountTokenIssuer issuer, TimeProvider clock)
    {
        _users = users;
        _issuer = issuer;
        _clock = clock;
    }

    public async Task<Unit> Handle(IssuePasswordResetCommand request, CancellationToken cancellationToken)
    {
        var user = await _users.FindByNormalizedEmailAsync(Email.Normalize(request.Email!), cancellationToken);
        if (user is { IsActive: true })
        {
            await _issuer.SendPasswordResetAsync(user, _clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        return Unit.Value;
    }
}
