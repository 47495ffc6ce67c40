using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.LogoutAll;

/// <summary>Ends every session of the caller, the current one included.</summary>
[RequirePermission(Permissions.Account.ReadSelf)]
public sealed record LogoutAllCommand : ICommand<Unit>;
