using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Users.Commands.CreateInvitation;

public sealed class CreateInvitationCommandHandler : IRequestHandler<CreateInvitationCommand, Result<InvitationDto>>
{
    private readonly AccountTokenIssuer _issuer;
    private readonly IUserRepository _users;
    private readonly TimeProvider _clock;

    public CreateInvitationCommandHandler(AccountTokenIssuer issuer, IUserRepository users, TimeProvider clock)
    {
        _issuer = issuer;
        _users = users;
        _clock = clock;
    }

    public async Task<Result<InvitationDto>> Handle(CreateInvitationCommand request, CancellationToken cancellationToken)
    {
        var email = request.Email is null ? null : Email.Create(request.Email);
        if (email is not null && await _users.ExistsByNormalizedEmailAsync(email.Normalized, cancellationToken))
        {
            return UserErrors.EmailTaken;
        }

        // Stored as the account will hold them: the user role when the invitation names none.
        var roles = (request.Roles ?? [RoleName.User]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var (token, expiresAt) = await _issuer.CreateInvitationAsync(email, roles, _clock.GetUtcNow().UtcDateTime, cancellationToken);
        return new InvitationDto { Token = token, Email = email?.Value, Roles = roles, ExpiresAt = expiresAt };
    }
}
