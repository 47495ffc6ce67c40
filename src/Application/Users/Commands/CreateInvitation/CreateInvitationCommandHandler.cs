using CleanAuth.Application.Common.Accounts;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Users.Commands.CreateInvitation;

public sealed class CreateInvitationCommandHandler : IRequestHandler<CreateInvitationCommand, string>
{
    private readonly AccountTokenIssuer _issuer;
    private readonly TimeProvider _clock;

    public CreateInvitationCommandHandler(AccountTokenIssuer issuer, TimeProvider clock)
    {
        _issuer = issuer;
        _clock = clock;
    }

    public Task<string> Handle(CreateInvitationCommand request, CancellationToken cancellationToken) =>
        _issuer.CreateInvitationAsync(
            request.Email is null ? null : Email.Create(request.Email), request.Roles, _clock.GetUtcNow().UtcDateTime, cancellationToken);
}
