using CleanAuth.Application.Admin.Common;
using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Admin.Commands.UpdateUser;

public sealed class UpdateUserCommandHandler : IRequestHandler<UpdateUserCommand, Result<AdminUserDetailsDto>>
{
    private readonly IUserRepository _users;
    private readonly IAccountTokenRepository _accountTokens;
    private readonly IAccountMailer _mailer;
    private readonly AdminUserReader _reader;
    private readonly TimeProvider _clock;

    public UpdateUserCommandHandler(IUserRepository users, IAccountTokenRepository accountTokens, IAccountMailer mailer, AdminUserReader reader, TimeProvider clock)
    {
        _users = users;
        _accountTokens = accountTokens;
        _mailer = mailer;
        _reader = reader;
        _clock = clock;
    }

    public async Task<Result<AdminUserDetailsDto>> Handle(UpdateUserCommand request, CancellationToken cancellationToken)
    {
        var user = await _users.GetByIdAsync(request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        // A race past these checks fails at commit on the unique indexes, with the same codes.
        var email = request.Email is null ? null : Email.Create(request.Email);
        if (email is not null && email.Normalized != user.NormalizedEmail && await _users.ExistsByNormalizedEmailAsync(email.Normalized, cancellationToken))
        {
            return UserErrors.EmailTaken;
        }

        var username = request.Username is null ? null : Username.Create(request.Username);
        if (username is not null && username.Normalized != user.NormalizedUsername && await _users.ExistsByNormalizedUsernameAsync(username.Normalized, cancellationToken))
        {
            return UserErrors.UsernameTaken;
        }

        var (oldEmail, oldNormalizedEmail) = (user.Email, user.NormalizedEmail);
        var now = _clock.GetUtcNow().UtcDateTime;
        user.UpdateByAdministrator(username, email, request.FullName, request.EmailVerified, now);
        if (user.NormalizedEmail != oldNormalizedEmail)
        {
            // Links mailed to the old address (verification, reset) or to the dropped pending one stop working.
            await _accountTokens.SupersedeForUserAsync(AccountTokenKind.EmailVerification, user.Id, now, cancellationToken);
            await _accountTokens.SupersedeForUserAsync(AccountTokenKind.PasswordReset, user.Id, now, cancellationToken);
            _mailer.EmailChangedByAdministrator(oldEmail);
        }

        return await _reader.DescribeAsync(user, cancellationToken);
    }
}
