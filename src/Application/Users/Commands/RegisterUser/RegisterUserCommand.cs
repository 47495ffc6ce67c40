using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;

namespace CleanAuth.Application.Users.Commands.RegisterUser;

[AllowAnonymousRequest]
[HashesPassword]
public sealed record RegisterUserCommand(string? Email, string? Username, string? Password, string? FullName, string? InviteToken = null)
    : ICommand<Result<RegistrationDto>>
{
    public override string ToString() =>
        $"{nameof(RegisterUserCommand)} {{ Email = {Email}, Username = {Username}, Password = {Redaction.Of(Password)}, FullName = {FullName}, InviteToken = {Redaction.Of(InviteToken)} }}";
}
