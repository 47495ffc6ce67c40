using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.Users.Commands.CreateInvitation;

/// <summary>
/// Creates an invitation; returns its raw token once. Pinned to <see cref="Email"/> when given (then mailed there, and
/// older invitations to it retired; refused when the address has an account). The new account holds exactly
/// <see cref="Roles"/> (non-empty when given, each in the role catalog), <c>user</c> when none are given.
/// </summary>
[RequirePermission(Permissions.Invitations.Create)]
public sealed record CreateInvitationCommand(string? Email, IReadOnlyList<string>? Roles) : ICommand<Result<InvitationDto>>;
