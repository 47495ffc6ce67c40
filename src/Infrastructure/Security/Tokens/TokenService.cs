using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Infrastructure.Security.Tokens;

/// <summary>
/// HS256 access tokens (<c>typ: at+jwt</c>) and opaque 256-bit refresh tokens stored only as SHA-256 hashes.
/// A successor refresh token is HMAC-SHA256 of the presented token under a key derived (HKDF) from the signing
/// key, so the same presented token always yields the same successor and nothing readable is ever stored.
/// </summary>
internal sealed class TokenService : ITokenService
{
    public const string AccessTokenType = "at+jwt";
    private const int RefreshTokenBytes = 32;

    private static readonly byte[] s_successorKeyInfo = Encoding.ASCII.GetBytes("cleanauth refresh-token successor v1");

    private readonly JwtOptions _options;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _signingCredentials;
    private readonly byte[] _successorKey;

    public TokenService(IOptions<JwtOptions> options, SigningKeyProvider keys)
    {
        _options = options.Value;
        _signingCredentials = new SigningCredentials(keys.SigningKey, SecurityAlgorithms.HmacSha256);
        _successorKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, _options.SigningKeyBytes, RefreshTokenBytes, info: s_successorKeyInfo);
    }

    public TimeSpan RefreshTokenLifetime => TimeSpan.FromDays(_options.RefreshTokenDays);

    public TimeSpan RefreshTokenIdleTimeout => TimeSpan.FromDays(_options.RefreshTokenIdleDays);

    public TimeSpan RefreshReuseGrace => TimeSpan.FromSeconds(_options.RefreshReuseGraceSeconds);

    public AccessToken CreateAccessToken(Guid userId, Guid sessionId, IEnumerable<string> roles, DateTime now, DateTime sessionExpiresAt)
    {
        // Capped at the session's end: an expired session is never in the revoked list, so its tokens must end with it.
        var expires = now + TimeSpan.FromMinutes(_options.AccessTokenMinutes);
        expires = expires < sessionExpiresAt ? expires : sessionExpiresAt;
        var lifetime = expires - now;
        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = AccessTokenType,
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = _signingCredentials,
            Claims = new Dictionary<string, object>(4, StringComparer.Ordinal)
            {
                [AccessTokenClaims.Subject] = userId.ToString(),
                [AccessTokenClaims.SessionId] = sessionId.ToString(),
                [AccessTokenClaims.TokenId] = Guid.NewGuid().ToString("N"),
                [AccessTokenClaims.Roles] = roles.ToArray(),
            },
        };

        return new AccessToken(_handler.CreateToken(descriptor), expires, (int)Math.Ceiling(lifetime.TotalSeconds));
    }

    public OpaqueToken NewOpaqueToken()
    {
        Span<byte> bytes = stackalloc byte[RefreshTokenBytes];
        RandomNumberGenerator.Fill(bytes);
        var value = Base64Url.EncodeToString(bytes);
        return new OpaqueToken(value, HashOpaqueToken(value));
    }

    public OpaqueToken DeriveSuccessor(string presentedToken)
    {
        Span<byte> bytes = stackalloc byte[RefreshTokenBytes];
        HMACSHA256.HashData(_successorKey, Encoding.UTF8.GetBytes(presentedToken), bytes);
        var value = Base64Url.EncodeToString(bytes);
        return new OpaqueToken(value, HashOpaqueToken(value));
    }

    public string HashOpaqueToken(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return Convert.ToHexStringLower(hash);
    }
}
