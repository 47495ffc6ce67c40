using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.RequestEmailVerification;

/// <summary>Mails a new verification link (for a pending address if there is one); earlier links stop working.</summary>
[RequirePermission(Permissions.Account.ManageSelf)]
public sealed record RequestEmailVerificationCommand : ICommand<Unit>;
