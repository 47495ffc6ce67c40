using CleanAuth.Domain.Common;

namespace CleanAuth.Application.Auth.Errors;

public static class AuthErrors
{
    /// <summary>A missing, malformed, expired, rotated or revoked token. One body for every case.</summary>
    public static readonly Error InvalidToken =
        new("INVALID_TOKEN", "The token is invalid, expired or revoked.", ErrorKind.Unauthorized);

    public static readonly Error UnsupportedGrantType =
        new("UNSUPPORTED_GRANT_TYPE", "Only the \"password\" grant type is supported.", ErrorKind.Invalid);
}
