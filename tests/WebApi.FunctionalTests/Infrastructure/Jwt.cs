using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>Reads tokens without validating them, and mints hostile ones with the test signing key.</summary>
public static class Jwt
{
    public static JsonElement Header(string token) => DecodeSegment(token.Split('.')[0]);

    public static JsonElement Payload(string token) => DecodeSegment(token.Split('.')[1]);

    /// <summary>The key id the app puts in every token it issues.</summary>
    public const string KeyId = "hs256-1";

    public static string Mint(IDictionary<string, object> claims, string type = "at+jwt", DateTime? issuedAt = null, DateTime? notBefore = null, DateTime? expires = null, byte[]? key = null, string? issuer = CleanAuthApiFactory.Issuer, string? audience = CleanAuthApiFactory.Audience, string? keyId = KeyId)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = type,
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt ?? now,
            NotBefore = notBefore ?? now,
            Expires = expires ?? now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? CleanAuthApiFactory.SigningKey) { KeyId = keyId }, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token with exactly this header and payload JSON, correctly signed (HS256) with the test key.</summary>
    public static string Sign(string headerJson, string payloadJson, byte[]? key = null)
    {
        var signingInput = $"{Base64UrlEncoder.Encode(headerJson)}.{Base64UrlEncoder.Encode(payloadJson)}";
        var signature = System.Security.Cryptography.HMACSHA256.HashData(key ?? CleanAuthApiFactory.SigningKey, Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>Seconds since the Unix epoch, as JWT time claims carry them.</summary>
    public static long Epoch(DateTime utc) => new DateTimeOffset(utc).ToUnixTimeSeconds();

    public static string WithHeader(string token, string headerJson)
    {
        var parts = token.Split('.');
        return $"{Base64UrlEncoder.Encode(headerJson)}.{parts[1]}.{parts[2]}";
    }

    public static string WithPayload(string token, Func<JsonElement, string> edit)
    {
        var parts = token.Split('.');
        return $"{parts[0]}.{Base64UrlEncoder.Encode(edit(Payload(token)))}.{parts[2]}";
    }

    private static JsonElement DecodeSegment(string segment) =>
        JsonDocument.Parse(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(segment))).RootElement;
}
