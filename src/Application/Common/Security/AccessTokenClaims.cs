namespace CleanAuth.Application.Common.Security;

/// <summary>
/// The claim names of an access token, in one place for issuing (Infrastructure), validating (Infrastructure) and
/// reading the caller (WebApi). Kept as issued: no inbound claim mapping renames them.
/// </summary>
public static class AccessTokenClaims
{
    /// <summary>The user's id (RFC 7519 <c>sub</c>).</summary>
    public const string Subject = "sub";

    /// <summary>The session the token belongs to; a revoked session's tokens are refused.</summary>
    public const string SessionId = "sid";

    /// <summary>The token's own id (RFC 7519 <c>jti</c>).</summary>
    public const string TokenId = "jti";

    /// <summary>The user's roles when the token was issued, always an array.</summary>
    public const string Roles = "roles";
}
