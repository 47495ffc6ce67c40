using CleanAuth.Application.Auth.Dtos;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.Common.Security;

namespace CleanAuth.Application.Auth.Commands.Login;

/// <summary>Log in with an email or a username (exactly one) and a password; starts a new session.</summary>
[AllowAnonymousRequest]
public sealed record LoginCommand(string? Email, string? Username, string? Password, string? IpAddress, string? UserAgent)
    : ICommand<Result<TokenPairDto>>
{
    public override string ToString() =>
        $"{nameof(LoginCommand)} {{ Email = {Email}, Username = {Username}, Password = {Redaction.Of(Password)}, IpAddress = {IpAddress}, UserAgent = {UserAgent} }}";
}
