using CleanAuth.Application.Admin.Common;
using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Admin.Commands.ReplaceUserRoles;

public sealed class ReplaceUserRolesCommandHandler : IRequestHandler<ReplaceUserRolesCommand, Result<AdminUserDetailsDto>>
{
    private readonly AdminChangeGuards _guards;
    private readonly AdminUserReader _reader;
    private readonly TimeProvider _clock;

    public ReplaceUserRolesCommandHandler(AdminChangeGuards guards, AdminUserReader reader, TimeProvider clock)
    {
        _guards = guards;
        _reader = reader;
        _clock = clock;
    }

    public async Task<Result<AdminUserDetailsDto>> Handle(ReplaceUserRolesCommand request, CancellationToken cancellationToken)
    {
        var user = await _guards.LockAndFindAsync(request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var roles = request.Roles!;
        var removesAdmin = !roles.Contains(RoleName.Admin, StringComparer.Ordinal);
        if (await _guards.CheckAsync(user, removesAdmin, cancellationToken) is { } refused)
        {
            return refused;
        }

        // The same set changes nothing and raises nothing (ReplaceRoles says so).
        user.ReplaceRoles(roles, _clock.GetUtcNow().UtcDateTime);
        return await _reader.DescribeAsync(user, cancellationToken);
    }
}
