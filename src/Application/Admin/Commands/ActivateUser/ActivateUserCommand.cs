using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;
using MediatR;

namespace CleanAuth.Application.Admin.Commands.ActivateUser;

/// <summary>
/// An administrator lets an inactive account (deactivated, or deleted by its owner) log in again; sessions revoked
/// when it stopped stay revoked. Nothing happens (and nothing is recorded) when it already is active.
/// </summary>
[RequirePermission(Permissions.Users.Write)]
public sealed record ActivateUserCommand(Guid UserId) : ICommand<Result<Unit>>;
