using System.Text.Json.Serialization;
using CleanAuth.Application.Common.Logging;

namespace CleanAuth.Application.Auth.Dtos;

/// <summary>An OAuth2 password-flow token response.</summary>
/// <param name="AccessToken">The JWT for the Authorization header.</param>
/// <param name="TokenType">Always "bearer".</param>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
/// <param name="RefreshToken">
/// The session's refresh token. Absent in browser cookie mode (Auth:RefreshTokenCookie:Enabled), where the
/// __Host-refresh_token cookie carries it instead.
/// </param>
public sealed record TokenPairDto(
    string AccessToken,
    string TokenType,
    int ExpiresIn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken = null)
{
    public const string BearerTokenType = "bearer";

    /// <summary>
    /// Whole seconds until the session ends (its idle or absolute end, whichever is sooner), and with it the refresh
    /// token: the cookie's <c>Max-Age</c> in cookie mode. Never in the body.
    /// </summary>
    [JsonIgnore]
    public int RefreshTokenExpiresIn { get; init; }

    public override string ToString() =>
        $"{nameof(TokenPairDto)} {{ AccessToken = {Redaction.Of(AccessToken)}, TokenType = {TokenType}, ExpiresIn = {ExpiresIn}, RefreshToken = {Redaction.Of(RefreshToken)}, RefreshTokenExpiresIn = {RefreshTokenExpiresIn} }}";
}
