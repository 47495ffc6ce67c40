using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.Admin.Commands.ReplaceUserRoles;

/// <summary>
/// An administrator replaces an account's roles with <see cref="Roles"/> (non-empty, each in the role catalog). The same
/// set changes and records nothing. Never demotes the last active admin; never one's own roles.
/// </summary>
[RequirePermission(Permissions.Roles.Assign)]
public sealed record ReplaceUserRolesCommand(Guid UserId, IReadOnlyList<string>? Roles) : ICommand<Result<AdminUserDetailsDto>>;
