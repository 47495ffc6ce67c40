using CleanAuth.Application.Common.Logging;

namespace CleanAuth.Application.Users.Commands.CreateInvitation;

/// <summary>A new invitation: the raw token (shown this once; only its hash is stored), whom it is pinned to, what it grants.</summary>
public sealed record InvitationDto
{
    public required string Token { get; init; }

    /// <summary>The address it is pinned to (and was mailed to); null when anyone holding the token may use it.</summary>
    public string? Email { get; init; }

    /// <summary>The new account's roles, sorted.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    public required DateTime ExpiresAt { get; init; }

    public override string ToString() =>
        $"{nameof(InvitationDto)} {{ Token = {Redaction.Of(Token)}, Email = {Email}, Roles = [{string.Join(", ", Roles ?? [])}], ExpiresAt = {ExpiresAt:O} }}";
}
