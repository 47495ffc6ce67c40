namespace CleanAuth.Domain.Sessions;

public enum SessionRevocationReason
{
    Logout,
    LogoutAll,
    RefreshTokenReuse,
    RevokedByUser,
    PasswordChanged,
    PasswordReset,
    AccountDeactivated,
    RevokedByAdmin,
}
