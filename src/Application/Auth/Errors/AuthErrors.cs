using CleanAuth.Domain.Common;

namespace CleanAuth.Application.Auth.Errors;

public static class AuthErrors
{
    /// <summary>A missing, malformed, expired, rotated or revoked token. One body for every case.</summary>
    public static readonly Error InvalidToken =
        new("INVALID_TOKEN", "The token is invalid, expired or revoked.", ErrorKind.Unauthorized);

    public static readonly Error UnsupportedGrantType =
        new("UNSUPPORTED_GRANT_TYPE", "Only the \"password\" grant type is supported.", ErrorKind.Invalid);

    /// <summary>A mailed token (reset, verification, invitation) that is unknown, used, superseded, expired or of another kind.</summary>
    public static readonly Error InvalidAccountToken =
        new("INVALID_TOKEN", "The link is invalid or has expired.", ErrorKind.Invalid);

    public static readonly Error InvitationRequired =
        new("INVITATION_REQUIRED", "Registration needs an invitation.", ErrorKind.Forbidden);

    public static readonly Error SessionNotFound =
        new("SESSION_NOT_FOUND", "The session was not found.", ErrorKind.NotFound);
}
