using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;
using MediatR;

namespace CleanAuth.Application.Admin.Commands.DeleteUser;

/// <summary>
/// An administrator removes an account for good: its roles, sessions, refresh tokens and account tokens go with it,
/// its email and username are free again; its audit entries stay. Never the last active admin, never oneself.
/// </summary>
[RequirePermission(Permissions.Users.Delete)]
public sealed record DeleteUserCommand(Guid UserId) : ICommand<Result<Unit>>;
