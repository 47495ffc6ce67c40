using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.Admin.Queries.GetUser;

/// <summary>One user as administrators see it; USER_NOT_FOUND when no account has the id.</summary>
[RequirePermission(Permissions.Users.Read)]
public sealed record GetUserQuery(Guid Id) : IQuery<Result<AdminUserDetailsDto>>;
