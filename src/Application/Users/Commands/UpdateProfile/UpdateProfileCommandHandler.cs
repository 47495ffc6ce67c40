using AutoMapper;
using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.Domain.Users;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Users.Commands.UpdateProfile;

public sealed class UpdateProfileCommandHandler : IRequestHandler<UpdateProfileCommand, Result<UserDto>>
{
    private readonly ICurrentUser _currentUser;
    private readonly IUserRepository _users;
    private readonly CredentialGuard _guard;
    private readonly AccountTokenIssuer _issuer;
    private readonly IAccountMailer _mailer;
    private readonly AuthOptions _options;
    private readonly TimeProvider _clock;
    private readonly IMapper _mapper;

    public UpdateProfileCommandHandler(
        ICurrentUser currentUser, IUserRepository users, CredentialGuard guard, AccountTokenIssuer issuer, IAccountMailer mailer, IOptions<AuthOptions> options, TimeProvider clock, IMapper mapper)
    {
        _currentUser = currentUser;
        _users = users;
        _guard = guard;
        _issuer = issuer;
        _mailer = mailer;
        _options = options.Value;
        _clock = clock;
        _mapper = mapper;
    }

    public async Task<Result<UserDto>> Handle(UpdateProfileCommand request, CancellationToken cancellationToken)
    {
        var user = await _users.GetCurrentAsync(_currentUser, cancellationToken);
        var now = _clock.GetUtcNow().UtcDateTime;
        var newEmail = request.Email is null ? null : Email.Create(request.Email);
        var addressTaken = false;

        if (newEmail is not null && newEmail.Normalized != user.NormalizedEmail)
        {
            if (!await _guard.IsCurrentPasswordAsync(user, request.CurrentPassword!, cancellationToken))
            {
                return UserErrors.WrongCurrentPassword;
            }

            if (await _users.ExistsByNormalizedEmailAsync(newEmail.Normalized, cancellationToken))
            {
                // When registered emails are not revealed, a taken address answers like a free one (pending) and its owner gets a notice.
                if (_options.RevealRegisteredEmails)
                {
                    return UserErrors.EmailTaken;
                }

                addressTaken = true;
            }
        }

        var username = request.Username is null ? null : Username.Create(request.Username);
        if (username is not null && username.Normalized != user.NormalizedUsername && await _users.ExistsByNormalizedUsernameAsync(username.Normalized, cancellationToken))
        {
            return UserErrors.UsernameTaken;
        }

        user.UpdateProfile(username, request.FullName, now);

        if (newEmail is not null)
        {
            var wasPending = user.PendingNormalizedEmail;
            user.RequestEmailChange(newEmail, now);
            if (user.PendingNormalizedEmail is not null && user.PendingNormalizedEmail != wasPending)
            {
                if (addressTaken)
                {
                    _mailer.AccountAlreadyExists(newEmail.Value);
                }
                else
                {
                    await _issuer.SendEmailVerificationAsync(user.Id, newEmail, now, cancellationToken);
                }

                _mailer.EmailChangeRequested(user.Email, newEmail.Value);
            }
        }

        return _mapper.Map<UserDto>(user);
    }
}
