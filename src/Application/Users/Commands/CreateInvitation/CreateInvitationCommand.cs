using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.Users.Commands.CreateInvitation;

/// <summary>Creates an invitation, optionally pinned to an email (then mailed) and granting roles; returns the raw token once.</summary>
[RequirePermission(Permissions.Invitations.Create)]
public sealed record CreateInvitationCommand(string? Email, IReadOnlyList<string> Roles) : ICommand<string>;
