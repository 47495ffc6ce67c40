using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;
using MediatR;

namespace CleanAuth.Application.Sessions.Commands.RevokeSession;

/// <summary>Ends one of the caller's sessions. Another user's session is indistinguishable from an unknown one.</summary>
[RequirePermission(Permissions.Account.ReadSelf)]
public sealed record RevokeSessionCommand(Guid SessionId) : ICommand<Result<Unit>>;
