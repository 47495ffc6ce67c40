using AutoMapper;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Users.Commands.RegisterUser;

public sealed class RegisterUserCommandHandler : IRequestHandler<RegisterUserCommand, Result<UserDto>>
{
    private readonly IUserRepository _users;
    private readonly IPasswordHasher _hasher;
    private readonly TimeProvider _clock;
    private readonly IMapper _mapper;

    public RegisterUserCommandHandler(IUserRepository users, IPasswordHasher hasher, TimeProvider clock, IMapper mapper)
    {
        _users = users;
        _hasher = hasher;
        _clock = clock;
        _mapper = mapper;
    }

    public async Task<Result<UserDto>> Handle(RegisterUserCommand request, CancellationToken cancellationToken)
    {
        var email = Email.Create(request.Email!);
        var username = Username.Create(request.Username!);

        // Fast, friendly answers; the unique indexes still decide a race (the unit of work maps it to the same errors).
        if (await _users.ExistsByNormalizedEmailAsync(email.Normalized, cancellationToken))
        {
            return UserErrors.EmailTaken;
        }

        if (await _users.ExistsByNormalizedUsernameAsync(username.Normalized, cancellationToken))
        {
            return UserErrors.UsernameTaken;
        }

        var hash = await _hasher.HashAsync(request.Password!, cancellationToken);
        var user = User.Register(email, username, request.FullName, hash, _clock.GetUtcNow().UtcDateTime);
        _users.Add(user);
        return _mapper.Map<UserDto>(user);
    }
}
