using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Security;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.Users.Queries.GetCurrentUser;

[RequirePermission(Permissions.Account.ReadSelf)]
public sealed record GetCurrentUserQuery : IQuery<UserDto>;
