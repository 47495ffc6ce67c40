using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Mail;

/// <summary>In Development only, an unset <c>App:PublicBaseUrl</c> becomes the local run's address.</summary>
internal sealed class AppOptionsDevelopmentDefaults : IPostConfigureOptions<AppOptions>
{
    public const string DevelopmentPublicBaseUrl = "http://localhost:5000";

    private readonly IHostEnvironment _environment;

    public AppOptionsDevelopmentDefaults(IHostEnvironment environment) => _environment = environment;

    public void PostConfigure(string? name, AppOptions options)
    {
        if (_environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            options.PublicBaseUrl = DevelopmentPublicBaseUrl;
        }
    }
}

/// <summary>
/// <c>App:PublicBaseUrl</c> is required and an absolute http(s) URL; in Production it must not point at this machine
/// (localhost, its subdomains, 127.0.0.0/8, ::1, unspecified addresses), where mailed links would work for nobody.
/// </summary>
internal sealed class AppOptionsValidator : IValidateOptions<AppOptions>
{
    private readonly IHostEnvironment _environment;

    public AppOptionsValidator(IHostEnvironment environment) => _environment = environment;

    public ValidateOptionsResult Validate(string? name, AppOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            return ValidateOptionsResult.Fail(
                "App:PublicBaseUrl is required: the public http(s) URL that links in mail open (e.g. https://auth.example.com).");
        }

        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return ValidateOptionsResult.Fail("App:PublicBaseUrl must be an absolute http(s) URL.");
        }

        if (_environment.IsProduction() && PointsAtThisMachine(uri))
        {
            return ValidateOptionsResult.Fail(
                $"App:PublicBaseUrl points at this machine ({uri.Host}): in Production links in mail would work for nobody; set the public URL.");
        }

        return ValidateOptionsResult.Success;
    }

    internal static bool PointsAtThisMachine(Uri uri)
    {
        if (uri.IsLoopback)
        {
            return true;
        }

        var host = uri.IdnHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            return IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
        }

        return false;
    }
}
