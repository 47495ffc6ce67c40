namespace CleanAuth.Application.Auth.Dtos;

/// <summary>An OAuth2 password-flow token response.</summary>
public sealed record TokenPairDto(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken)
{
    public const string BearerTokenType = "bearer";
}
