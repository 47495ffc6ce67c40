using CleanAuth.Application.Common.Logging;

namespace CleanAuth.WebApi.Contracts.Passwords;

/// <summary>The token from the reset link, and the new password.</summary>
public sealed record PasswordResetConfirmRequest(string? Token, string? NewPassword)
{
    public override string ToString() =>
        $"{nameof(PasswordResetConfirmRequest)} {{ Token = {Redaction.Of(Token)}, NewPassword = {Redaction.Of(NewPassword)} }}";
}
