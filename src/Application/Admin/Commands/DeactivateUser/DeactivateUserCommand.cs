using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;
using MediatR;

namespace CleanAuth.Application.Admin.Commands.DeactivateUser;

/// <summary>
/// An administrator deactivates an account: it can no longer log in and every session ends at once. Nothing happens
/// (and nothing is recorded) when it already is inactive. Never the last active admin, never oneself.
/// </summary>
[RequirePermission(Permissions.Users.Write)]
public sealed record DeactivateUserCommand(Guid UserId) : ICommand<Result<Unit>>;
