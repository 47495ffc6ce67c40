using CleanAuth.Application.Common.Logging;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Contracts.Authentication;

/// <summary>OAuth2 password-flow form fields: <c>username</c> (an email or a username), <c>password</c> and <c>grant_type</c>.</summary>
/// <remarks>A record rather than loose string parameters, so that a logged argument list shows the password redacted.</remarks>
public sealed record LoginFormRequest(
    [FromForm(Name = "username")] string? Username,
    [FromForm(Name = "password")] string? Password,
    [FromForm(Name = "grant_type")] string? GrantType)
{
    public override string ToString() => $"{nameof(LoginFormRequest)} {{ Username = {Username}, Password = {Redaction.Of(Password)}, GrantType = {GrantType} }}";
}
