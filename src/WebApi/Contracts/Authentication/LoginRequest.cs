using CleanAuth.Application.Common.Logging;

namespace CleanAuth.WebApi.Contracts.Authentication;

/// <summary>Credentials: an email or a username, and the password.</summary>
public sealed record LoginRequest(string? Email, string? Username, string? Password)
{
    public override string ToString() => $"{nameof(LoginRequest)} {{ Email = {Email}, Username = {Username}, Password = {Redaction.Of(Password)} }}";
}
