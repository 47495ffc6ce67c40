using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Section <c>Auth:RefreshTokenCookie</c>: browser cookie mode for the refresh token.</summary>
public sealed class RefreshTokenCookieOptions
{
    public const string SectionName = "Auth:RefreshTokenCookie";

    /// <summary>
    /// The cookie: <c>__Host-</c> makes browsers refuse it unless it is <c>Secure</c>, has <c>Path=/</c> and no
    /// <c>Domain</c> (so only the API's own host ever gets it back).
    /// </summary>
    public const string CookieName = "__Host-refresh_token";

    /// <summary>The header a refresh with the cookie must carry, with the value <see cref="CsrfHeaderValue"/>.</summary>
    public const string CsrfHeaderName = "X-CSRF";

    public const string CsrfHeaderValue = "1";

    /// <summary>
    /// Cookie mode: login, login-form and refresh put the refresh token in the <see cref="CookieName"/> cookie instead
    /// of the body, refresh takes it from there (with a CSRF proof), logout and logout-all expire it
    /// (<see cref="RefreshTokenCookieAttribute"/>). Cross-origin callers need credentials
    /// (<c>Access-Control-Allow-Credentials: true</c>) and their origins in <c>Cors:AllowedOrigins</c>.
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
