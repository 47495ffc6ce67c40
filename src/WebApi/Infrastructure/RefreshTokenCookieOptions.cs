using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Section <c>Auth:RefreshTokenCookie</c>: browser cookie mode for the refresh token.</summary>
public sealed class RefreshTokenCookieOptions
{
    public const string SectionName = "Auth:RefreshTokenCookie";

    /// <summary>
    /// Cookie mode: the refresh token travels in a <c>__Host-</c> cookie, so cross-origin callers need credentials
    /// (<c>Access-Control-Allow-Credentials: true</c>) and the origins in <c>Cors:AllowedOrigins</c>.
    /// </summary>
    public bool Enabled { get; set; }
}

/// <summary>
/// No rule of its own yet. The rules that tie cookie mode to <c>Cors:AllowedOrigins</c> (origins required, no <c>*</c>)
/// are checked with the origins, by <see cref="CorsPolicyOptionsValidator"/>.
/// </summary>
internal sealed class RefreshTokenCookieOptionsValidator : IValidateOptions<RefreshTokenCookieOptions>
{
    public ValidateOptionsResult Validate(string? name, RefreshTokenCookieOptions options) => ValidateOptionsResult.Success;
}
