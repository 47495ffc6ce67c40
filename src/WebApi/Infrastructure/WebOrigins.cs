using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// Web origins as settings name them (<c>scheme://host[:port]</c>: no user info, path, trailing slash, query or
/// fragment), in the form a browser sends in its <c>Origin</c> header: scheme and host in lower case, an
/// internationalized host in Punycode, the scheme's default port left out. Origins are compared ordinally in that form.
/// </summary>
public static partial class WebOrigins
{
    /// <summary>True when <paramref name="value"/> is an origin; <paramref name="origin"/> is then its serialized form.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out string? origin)
    {
        origin = null;
        if (string.IsNullOrEmpty(value) || !Shape().IsMatch(value)
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6)
            || uri.Host.Length == 0 || uri.UserInfo.Length != 0 || uri.PathAndQuery != "/" || uri.Fragment.Length != 0)
        {
            return false;
        }

        var host = uri.HostNameType == UriHostNameType.Dns ? uri.IdnHost.ToLowerInvariant() : uri.Host;
        var port = uri.IsDefaultPort || uri.Port < 0 ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        origin = $"{uri.Scheme.ToLowerInvariant()}://{host}{port}";
        return true;
    }

    // scheme "://" host [":" port], and nothing else; the host is checked by Uri (DNS name or IP literal).
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*://(?:\[[0-9A-Fa-f:.]+\]|[^\s/\\:?#\[\]@%]+)(?::[0-9]{1,5})?\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Shape();
}
