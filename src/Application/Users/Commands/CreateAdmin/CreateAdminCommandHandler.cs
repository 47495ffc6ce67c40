using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Users.Commands.CreateAdmin;

public sealed class CreateAdminCommandHandler : IRequestHandler<CreateAdminCommand, Result<Guid>>
{
    private static readonly string[] s_roles = [RoleName.Admin, RoleName.User];

    private readonly IUserRepository _users;
    private readonly IPasswordHasher _hasher;
    private readonly TimeProvider _clock;

    public CreateAdminCommandHandler(IUserRepository users, IPasswordHasher hasher, TimeProvider clock)
    {
        _users = users;
        _hasher = hasher;
        _clock = clock;
    }

    public async Task<Result<Guid>> Handle(CreateAdminCommand request, CancellationToken cancellationToken)
    {
        var email = Email.Create(request.Email!);
        var username = Username.Create(request.Username!);

        // The email first: an existing account is "already there" (the bootstrap leaves it alone), whatever its username.
        // The unique indexes still decide a race (the unit of work throws a ConflictException with the same errors).
        if (await _users.FindByNormalizedEmailAsync(email.Normalized, cancellationToken) is not null)
        {
            return UserErrors.EmailTaken;
        }

        if (await _users.ExistsByNormalizedUsernameAsync(username.Normalized, cancellationToken))
        {
            return UserErrors.UsernameTaken;
        }

        var hash = await _hasher.HashAsync(request.Password!, cancellationToken);
        var user = User.Register(email, username, request.FullName, hash, _clock.GetUtcNow().UtcDateTime, emailVerified: true, roles: s_roles);
        _users.Add(user);
        return user.Id;
    }
}
