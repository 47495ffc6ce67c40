using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.Admin.Queries.ListRoles;

/// <summary>Every role with the permissions it grants, both sorted.</summary>
[RequirePermission(Permissions.Roles.Read)]
public sealed record ListRolesQuery : IQuery<IReadOnlyList<RoleDto>>;
