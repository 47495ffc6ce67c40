using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.ConfirmPasswordReset;

/// <summary>Sets a new password from a mailed reset token; ends every session and clears any lockout. Does not log in.</summary>
[AllowAnonymousRequest]
[HashesPassword]
public sealed record ConfirmPasswordResetCommand(string? Token, string? NewPassword) : ICommand<Result<Unit>>
{
    public override string ToString() =>
        $"{nameof(ConfirmPasswordResetCommand)} {{ Token = {Redaction.Of(Token)}, NewPassword = {Redaction.Of(NewPassword)} }}";
}
