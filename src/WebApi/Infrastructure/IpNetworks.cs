using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// IP addresses and CIDR ranges as settings name them, parsed strictly: IPv4 only as four decimal octets without
/// leading zeros (<see cref="IPAddress.TryParse(string?, out IPAddress?)"/> alone would read <c>10</c> as 0.0.0.10 and
/// <c>010.0.0.1</c> as octal), IPv6 in its usual notation without a zone, a prefix length in decimal, no bits set beyond
/// the prefix. An address is the range of that one address.
/// </summary>
public static partial class IpNetworks
{
    private const int Ipv4MappedPrefixLength = 96;
    private static readonly IPAddress s_ipv4MappedBase = IPAddress.Parse("::ffff:0.0.0.0");

    /// <summary>True when <paramref name="value"/> is an address or a CIDR range; otherwise <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? value, out IPNetwork network, [NotNullWhen(false)] out string? error)
    {
        network = default;
        error = null;
        var text = value ?? "";
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!TryParseAddress(addressText, out var address))
        {
            error = "is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/8, fd00::/8)";
            return false;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0 && (!PrefixLength().IsMatch(text[(slash + 1)..])
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix))
        {
            error = $"has no valid prefix length (0 to {maxPrefix.ToString(CultureInfo.InvariantCulture)} after the '/')";
            return false;
        }

        var masked = Masked(address, prefix);
        if (!masked.Equals(address))
        {
            error = $"has address bits set beyond its /{prefix.ToString(CultureInfo.InvariantCulture)} prefix (the range is {masked}/{prefix.ToString(CultureInfo.InvariantCulture)})";
            return false;
        }

        if (slash < 0 && address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4(); // the peer of an IPv4 connection may be seen either way; the IPv4 form matches both
            prefix = 32;
        }

        network = new IPNetwork(address, prefix);
        return true;
    }

    /// <summary>
    /// True for a range holding every IPv4 or every IPv6 address: <c>0.0.0.0/0</c>, <c>::/0</c>, and IPv6 ranges that
    /// hold all IPv4-mapped addresses (<c>::ffff:0:0/96</c> and wider), which is how a dual-stack socket sees IPv4 peers.
    /// </summary>
    public static bool CoversEveryAddress(IPNetwork network) =>
        network.PrefixLength == 0
        || (network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 && network.PrefixLength <= Ipv4MappedPrefixLength
            && Masked(s_ipv4MappedBase, network.PrefixLength).Equals(network.BaseAddress));

    private static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (Ipv4().IsMatch(text))
        {
            return IPAddress.TryParse(text, out address);
        }

        return text.Contains(':', StringComparison.Ordinal) && text.AsSpan().IndexOfAny("%[]") < 0
            && IPAddress.TryParse(text, out address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsKept = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsKept));
        }

        return new IPAddress(bytes);
    }

    [GeneratedRegex(@"^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"^(?:0|[1-9][0-9]{0,2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixLength();
}
