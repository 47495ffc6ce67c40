using CleanAuth.Application.Common.Logging;

namespace CleanAuth.WebApi.Contracts.Auth;

/// <summary>The current password and the new one.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword)
{
    public override string ToString() =>
        $"{nameof(ChangePasswordRequest)} {{ CurrentPassword = {Redaction.Of(CurrentPassword)}, NewPassword = {Redaction.Of(NewPassword)} }}";
}

/// <summary>The address of the account whose password was forgotten.</summary>
public sealed record PasswordResetRequest(string? Email);

/// <summary>The token from the reset link, and the new password.</summary>
public sealed record PasswordResetConfirmRequest(string? Token, string? NewPassword)
{
    public override string ToString() =>
        $"{nameof(PasswordResetConfirmRequest)} {{ Token = {Redaction.Of(Token)}, NewPassword = {Redaction.Of(NewPassword)} }}";
}

/// <summary>The token from the verification link.</summary>
public sealed record EmailVerificationConfirmRequest(string? Token)
{
    public override string ToString() => $"{nameof(EmailVerificationConfirmRequest)} {{ Token = {Redaction.Of(Token)} }}";
}
