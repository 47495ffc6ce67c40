using System.Text.Json.Serialization;

namespace CleanAuth.Application.Admin.Dtos;

/// <summary>
/// Figures for administrators: accounts, live sessions, and the last 24 hours of the audit log. The 24-hour figures are
/// named explicitly: the snake_case policy would not separate the digits.
/// </summary>
public sealed record StatsDto
{
    /// <summary>Every account, active or not.</summary>
    public required int TotalUsers { get; init; }

    public required int ActiveUsers { get; init; }

    /// <summary>Accounts with a verified email, inactive ones included.</summary>
    public required int VerifiedUsers { get; init; }

    /// <summary>Active accounts holding the admin role.</summary>
    public required int Admins { get; init; }

    /// <summary>Sessions neither revoked nor expired (absolute or idle).</summary>
    public required int ActiveSessions { get; init; }

    /// <summary><c>user.registered</c> entries of the last 24 hours.</summary>
    [JsonPropertyName("registrations_24h")]
    public required int Registrations24h { get; init; }

    /// <summary><c>login.succeeded</c> entries of the last 24 hours.</summary>
    [JsonPropertyName("logins_24h")]
    public required int Logins24h { get; init; }

    /// <summary><c>login.failed</c> entries of the last 24 hours.</summary>
    [JsonPropertyName("failed_logins_24h")]
    public required int FailedLogins24h { get; init; }
}
