using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;
using MediatR;

namespace CleanAuth.Application.Admin.Commands.RevokeUserSessions;

/// <summary>An administrator signs an account out everywhere: every live session ends at once, the account stays as it is.</summary>
[RequirePermission(Permissions.Sessions.Revoke)]
public sealed record RevokeUserSessionsCommand(Guid UserId) : ICommand<Result<Unit>>;
