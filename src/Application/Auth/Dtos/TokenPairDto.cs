using CleanAuth.Application.Common.Logging;

namespace CleanAuth.Application.Auth.Dtos;

/// <summary>An OAuth2 password-flow token response.</summary>
public sealed record TokenPairDto(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken)
{
    public const string BearerTokenType = "bearer";

    public override string ToString() =>
        $"{nameof(TokenPairDto)} {{ AccessToken = {Redaction.Of(AccessToken)}, TokenType = {TokenType}, ExpiresIn = {ExpiresIn}, RefreshToken = {Redaction.Of(RefreshToken)} }}";
}
