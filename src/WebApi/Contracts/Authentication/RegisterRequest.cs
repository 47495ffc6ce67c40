using CleanAuth.Application.Common.Logging;

namespace CleanAuth.WebApi.Contracts.Authentication;

/// <summary>A new account. Any other field (is_admin, roles, is_active, email_verified…) is ignored.</summary>
/// <param name="Email">The account's email address; unique, compared case-insensitively.</param>
/// <param name="Username">3–32 letters, digits, '.', '_' or '-'; unique, compared case-insensitively.</param>
/// <param name="Password">At least 15 characters (configurable), at most 256; common or guessable passwords are refused.</param>
/// <param name="FullName">Optional display name.</param>
/// <param name="InviteToken">The token from an invitation link; required when registration is invite-only.</param>
public sealed record RegisterRequest(string? Email, string? Username, string? Password, string? FullName, string? InviteToken)
{
    public override string ToString() =>
        $"{nameof(RegisterRequest)} {{ Email = {Email}, Username = {Username}, Password = {Redaction.Of(Password)}, FullName = {FullName}, InviteToken = {Redaction.Of(InviteToken)} }}";
}
