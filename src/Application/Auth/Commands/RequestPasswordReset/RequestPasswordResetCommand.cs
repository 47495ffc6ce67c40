using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Security;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.RequestPasswordReset;

/// <summary>Mails a reset link if the address has an active account; the answer never says whether it does.</summary>
[AllowAnonymousRequest]
public sealed record RequestPasswordResetCommand(string? Email) : ICommand<Unit>;
