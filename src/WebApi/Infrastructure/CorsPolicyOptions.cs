using CleanAuth.Application.Common.Options;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Section <c>Cors</c>: which browser origins may call the API.</summary>
public sealed class CorsPolicyOptions
{
    public const string SectionName = "Cors";
    public const string AnyOrigin = "*";

    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>) whose pages may call the API from a browser; none by default (then no CORS
    /// header is ever sent). The single value <c>*</c> allows every origin, without credentials.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    public bool AllowsAnyOrigin => AllowedOrigins is [AnyOrigin];

    /// <summary>The listed origins as browsers send them (see <see cref="WebOrigins"/>); empty for <c>*</c>.</summary>
    public IReadOnlySet<string> SerializedOrigins() =>
        AllowedOrigins.Select(o => WebOrigins.TryParse(o, out var origin) ? origin : null).OfType<string>().ToHashSet(StringComparer.Ordinal);
}

internal sealed class CorsPolicyOptionsValidator : IValidateOptions<CorsPolicyOptions>
{
    private const string Setting = "Cors:AllowedOrigins";
    private readonly IOptions<RefreshTokenCookieOptions> _cookie;
    private readonly IConfiguration _configuration;

    public CorsPolicyOptionsValidator(IOptions<RefreshTokenCookieOptions> cookie, IConfiguration configuration)
    {
        _cookie = cookie;
        _configuration = configuration;
    }

    public ValidateOptionsResult Validate(string? name, CorsPolicyOptions options)
    {
        var failures = new List<string>();
        if (SettingLists.ScalarInsteadOfList(_configuration, Setting) is { } scalar)
        {
            failures.Add(scalar);
        }

        for (var i = 0; i < options.AllowedOrigins.Length; i++)
        {
            var entry = options.AllowedOrigins[i];
            if (entry == CorsPolicyOptions.AnyOrigin)
            {
                if (options.AllowedOrigins.Length > 1)
                {
                    failures.Add($"{Setting} lists '*' beside other entries: '*' must be the only one (any origin) or absent.");
                }
            }
            else if (!WebOrigins.TryParse(entry, out _))
            {
                failures.Add($"{Setting}:{i} '{entry}' is not an origin: scheme://host[:port], no path or trailing slash (e.g. https://app.example.com).");
            }
        }

        if (_cookie.Value.Enabled)
        {
            if (options.AllowedOrigins.Length == 0)
            {
                failures.Add($"Auth:RefreshTokenCookie:Enabled needs {Setting}: list the origins of the browser apps that use the cookie.");
            }
            else if (options.AllowedOrigins.Contains(CorsPolicyOptions.AnyOrigin))
            {
                failures.Add($"{Setting} '*' cannot be used with Auth:RefreshTokenCookie:Enabled: credentials are allowed only for listed origins.");
            }
        }

        return failures.ToResult();
    }
}
