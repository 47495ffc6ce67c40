using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Users.Commands.CreateAdmin;

/// <summary>
/// The new admin is one <see cref="AdminBootstrappedEvent"/> in the audit log (its registration by the operator records
/// nothing more; see <c>AuditEntries</c>).
/// </summary>
public sealed class CreateAdminCommandHandler : IRequestHandler<CreateAdminCommand, Result<Guid>>
{
    private static readonly string[] s_roles = [RoleName.Admin, RoleName.User];

    private readonly IUserRepository _users;
    private readonly IPasswordHasher _hasher;
    private readonly PendingEvents _events;
    private readonly TimeProvider _clock;

    public CreateAdminCommandHandler(IUserRepository users, IPasswordHasher hasher, PendingEvents events, TimeProvider clock)
    {
        _users = users;
        _hasher = hasher;
        _events = events;
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
        var now = _clock.GetUtcNow().UtcDateTime;
        var user = User.Register(email, username, request.FullName, hash, now, emailVerified: true, roles: s_roles);
        _users.Add(user);
        _events.Raise(new AdminBootstrappedEvent(user.Id, SourceOf(request.Source), now));
        return user.Id;
    }

    private static string SourceOf(AdminSource source) => source switch
    {
        AdminSource.Configuration => AdminBootstrappedEvent.FromConfiguration,
        AdminSource.CommandLine => AdminBootstrappedEvent.FromCommandLine,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Not an admin source."),
    };
}
