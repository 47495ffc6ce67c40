using CleanAuth.Application.Common.Logging;

namespace CleanAuth.WebApi.Contracts.Passwords;

/// <summary>The current password and the new one.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword)
{
    public override string ToString() =>
        $"{nameof(ChangePasswordRequest)} {{ CurrentPassword = {Redaction.Of(CurrentPassword)}, NewPassword = {Redaction.Of(NewPassword)} }}";
}
