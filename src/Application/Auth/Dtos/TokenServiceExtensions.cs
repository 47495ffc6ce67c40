using CleanAuth.Application.Common.Interfaces;

namespace CleanAuth.Application.Auth.Dtos;

public static class TokenServiceExtensions
{
    /// <summary>A fresh access token for the session, paired with the given refresh token.</summary>
    public static TokenPairDto CreateTokenPair(
        this ITokenService tokens, Guid userId, Guid sessionId, IEnumerable<string> roles, string refreshToken, DateTime now)
    {
        var access = tokens.CreateAccessToken(userId, sessionId, roles, now);
        return new TokenPairDto(access.Token, TokenPairDto.BearerTokenType, access.ExpiresInSeconds, refreshToken);
    }
}
