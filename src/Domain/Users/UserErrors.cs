using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>The expected outcomes of user and credential operations, with their stable codes.</summary>
public static class UserErrors
{
    public static readonly Error EmailTaken =
        new("EMAIL_TAKEN", "An account with this email address already exists.", ErrorKind.Conflict);

    public static readonly Error UsernameTaken =
        new("USERNAME_TAKEN", "This username is already taken.", ErrorKind.Conflict);

    public static readonly Error InvalidCredentials =
        new("INVALID_CREDENTIALS", "The credentials are not valid.", ErrorKind.Unauthorized);

    public static readonly Error AccountInactive =
        new("ACCOUNT_INACTIVE", "This account is not active.", ErrorKind.Forbidden);

    /// <summary>A wrong current password on an authenticated request: 400, since 401 reads as "session expired".</summary>
    public static readonly Error WrongCurrentPassword =
        new("INVALID_CREDENTIALS", "The password is not correct.", ErrorKind.Invalid);

    /// <summary>The password or active state changed while the request ran; nothing was changed.</summary>
    public static readonly Error ConcurrentCredentialChange =
        new("CONCURRENT_CHANGE", "The account changed while this request was processed. Try again.", ErrorKind.Conflict);

    public static readonly Error EmailNotVerified =
        new("EMAIL_NOT_VERIFIED", "Verify your email address before logging in.", ErrorKind.Forbidden);

    /// <summary>An administrator named an account that does not exist (or no longer does).</summary>
    public static readonly Error NotFound =
        new("USER_NOT_FOUND", "No user has this id.", ErrorKind.NotFound);

    /// <summary>The change would leave no active administrator.</summary>
    public static readonly Error LastAdmin =
        new("LAST_ADMIN", "This would leave no active administrator.", ErrorKind.Conflict);

    /// <summary>Administrators change their own roles, active state or account only through the self-service routes.</summary>
    public static readonly Error CannotModifySelf =
        new("CANNOT_MODIFY_SELF", "Administrators cannot change their own roles, deactivate or delete themselves here.", ErrorKind.Conflict);
}
