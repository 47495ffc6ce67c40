using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Sessions;

namespace CleanAuth.Application.Auth.Dtos;

public static class TokenServiceExtensions
{
    /// <summary>A fresh access token for the session, paired with the given refresh token (which lives as long as the session).</summary>
    public static TokenPairDto CreateTokenPair(this ITokenService tokens, Session session, IEnumerable<string> roles, string refreshToken, DateTime now)
    {
        var access = tokens.CreateAccessToken(session.UserId, session.Id, roles, now, session.EndsAt);
        return new TokenPairDto(access.Token, TokenPairDto.BearerTokenType, access.ExpiresInSeconds, refreshToken)
        {
            // Rounded down: the cookie that carries the refresh token never outlives the session.
            RefreshTokenExpiresIn = (int)Math.Max(0, Math.Floor((session.EndsAt - now).TotalSeconds)),
        };
    }
}
