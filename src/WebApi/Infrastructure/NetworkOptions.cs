using System.Net;
using CleanAuth.Application.Common.Options;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Section <c>Network</c>: where requests come from.</summary>
public sealed class NetworkOptions
{
    public const string SectionName = "Network";

    /// <summary>
    /// Reverse proxies (addresses or CIDR ranges) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> headers are
    /// believed; none by default, loopback included.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>The parsed ranges (entries that do not parse are refused at start-up, see the validator).</summary>
    public IReadOnlyList<IPNetwork> TrustedProxyNetworks() =>
        [.. TrustedProxies.Select(p => IpNetworks.TryParse(p, out var network, out _) ? network : (IPNetwork?)null).OfType<IPNetwork>()];
}

internal sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    private const string Setting = "Network:TrustedProxies";
    private const string AspNetCoreForwardedHeadersSwitch = "FORWARDEDHEADERS_ENABLED";
    private readonly IHostEnvironment _environment;
    private readonly IConfiguration _configuration;

    public NetworkOptionsValidator(IHostEnvironment environment, IConfiguration configuration)
    {
        _environment = environment;
        _configuration = configuration;
    }

    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var failures = new List<string>();
        if (SettingLists.ScalarInsteadOfList(_configuration, Setting) is { } scalar)
        {
            failures.Add(scalar);
        }

        // ASP.NET Core's own switch: it adds a forwarded-headers middleware ahead of ours that believes every peer.
        if (bool.TryParse(_configuration[AspNetCoreForwardedHeadersSwitch], out var enabled) && enabled)
        {
            failures.Add($"ASPNETCORE_{AspNetCoreForwardedHeadersSwitch} makes ASP.NET Core believe X-Forwarded-For from every peer: unset it and list your proxies in {Setting}.");
        }

        for (var i = 0; i < options.TrustedProxies.Length; i++)
        {
            var entry = options.TrustedProxies[i];
            if (!IpNetworks.TryParse(entry, out var network, out var error))
            {
                failures.Add($"{Setting}:{i} '{entry}' {error}.");
            }
            else if (!_environment.IsDevelopment() && IpNetworks.CoversEveryAddress(network))
            {
                failures.Add($"{Setting}:{i} '{entry}' trusts every address, so anyone could set their own client address: outside Development list your proxies.");
            }
        }

        return failures.ToResult();
    }
}
