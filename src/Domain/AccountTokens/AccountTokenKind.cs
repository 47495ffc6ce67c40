namespace CleanAuth.Domain.AccountTokens;

public enum AccountTokenKind
{
    PasswordReset,
    EmailVerification,
    Invitation,
}
