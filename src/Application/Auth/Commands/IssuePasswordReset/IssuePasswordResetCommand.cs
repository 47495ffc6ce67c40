using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Security;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.IssuePasswordReset;

/// <summary>
/// Mails a reset link if the address has an active account. Run in the background for a
/// <c>RequestPasswordResetCommand</c>, never from HTTP, so the request's timing cannot tell whether the account exists.
/// </summary>
[AllowAnonymousRequest]
public sealed record IssuePasswordResetCommand(string? Email) : ICommand<Unit>;
