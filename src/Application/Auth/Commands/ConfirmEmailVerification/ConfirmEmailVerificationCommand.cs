using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.ConfirmEmailVerification;

/// <summary>Follows a verification link: the address becomes verified, or a pending email change takes effect.</summary>
[AllowAnonymousRequest]
public sealed record ConfirmEmailVerificationCommand(string? Token) : ICommand<Result<Unit>>
{
    public override string ToString() => $"{nameof(ConfirmEmailVerificationCommand)} {{ Token = {Redaction.Of(Token)} }}";
}
