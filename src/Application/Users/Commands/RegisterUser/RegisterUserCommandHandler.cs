using AutoMapper;
using CleanAuth.Application.Auth.Errors;
using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Users;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Users.Commands.RegisterUser;

public sealed class RegisterUserCommandHandler : IRequestHandler<RegisterUserCommand, Result<RegistrationDto>>
{
    private static readonly RegistrationDto s_accepted = new(null);

    private readonly IUserRepository _users;
    private readonly IPasswordHasher _hasher;
    private readonly AccountTokenIssuer _tokens;
    private readonly IAccountMailer _mailer;
    private readonly AuthOptions _options;
    private readonly TimeProvider _clock;
    private readonly IMapper _mapper;

    public RegisterUserCommandHandler(
        IUserRepository users, IPasswordHasher hasher, AccountTokenIssuer tokens, IAccountMailer mailer, IOptions<AuthOptions> options, TimeProvider clock, IMapper mapper)
    {
        _users = users;
        _hasher = hasher;
        _tokens = tokens;
        _mailer = mailer;
        _options = options.Value;
        _clock = clock;
        _mapper = mapper;
    }

    public async Task<Result<RegistrationDto>> Handle(RegisterUserCommand request, CancellationToken cancellationToken)
    {
        var email = Email.Create(request.Email!);
        var username = Username.Create(request.Username!);
        var now = _clock.GetUtcNow().UtcDateTime;

        // Invite-only needs an invitation; in open mode one is still honoured (its roles, its proven address).
        AccountToken? invitation = null;
        if (_options.RegistrationMode == RegistrationMode.InviteOnly && string.IsNullOrEmpty(request.InviteToken))
        {
            return AuthErrors.InvitationRequired;
        }

        if (!string.IsNullOrEmpty(request.InviteToken))
        {
            invitation = await _tokens.FindUsableAsync(AccountTokenKind.Invitation, request.InviteToken, now, cancellationToken);
            if (invitation is null || (invitation.Email is not null && invitation.Email != email.Normalized))
            {
                return AuthErrors.InvalidAccountToken;
            }
        }

        // Fast, friendly answers; the unique indexes still decide a race (the unit of work maps it to the same errors).
        // The username comes first: checked after the email, its answer would tell registered emails apart.
        if (await _users.ExistsByNormalizedUsernameAsync(username.Normalized, cancellationToken))
        {
            return UserErrors.UsernameTaken;
        }

        var owner = await _users.FindByNormalizedEmailAsync(email.Normalized, cancellationToken);
        if (owner is not null)
        {
            if (_options.RevealRegisteredEmails)
            {
                return UserErrors.EmailTaken;
            }

            // The same work as a new account (the hash dominates), so timing does not tell them apart either.
            await _hasher.HashAsync(request.Password!, cancellationToken);
            _mailer.AccountAlreadyExists(owner.Email);
            return s_accepted;
        }

        var hash = await _hasher.HashAsync(request.Password!, cancellationToken);
        if (invitation is not null && !await _tokens.TryClaimAsync(invitation, now, cancellationToken))
        {
            return AuthErrors.InvalidAccountToken;
        }

        // An invitation mailed to this very address has proven it; otherwise registration mails a verification link.
        // The invitation's roles are exactly the account's (the user role when it names none).
        var user = User.Register(
            email, username, request.FullName, hash, now, emailVerified: invitation?.Email == email.Normalized, roles: invitation?.RoleList);

        _users.Add(user);

        return _options.RevealRegisteredEmails ? new RegistrationDto(_mapper.Map<UserDto>(user)) : s_accepted;
    }
}
