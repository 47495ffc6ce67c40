using System.Net;
using CleanAuth.Application.Common.Options;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Section <c>Metrics</c>: the Prometheus scraping endpoint, <see cref="Path"/>.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";
    public const string Path = "/metrics";

    /// <summary>Serve <see cref="Path"/>; off by default (then it is an unknown route, 404).</summary>
    public bool Enabled { get; set; }

    /// <summary>A secret of at least <see cref="BearerSecret.MinimumLength"/> characters: <c>Authorization: Bearer &lt;it&gt;</c> may scrape.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Addresses or CIDR ranges whose clients may scrape without the token (the client address behind trusted proxies).</summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>The parsed ranges (entries that do not parse are refused at start-up, see the validator).</summary>
    public IReadOnlyList<IPNetwork> AllowedNetworkRanges() =>
        [.. AllowedNetworks.Select(p => IpNetworks.TryParse(p, out var network, out _) ? network : (IPNetwork?)null).OfType<IPNetwork>()];

    /// <summary>In Development with neither a token nor a network set, anyone may scrape.</summary>
    public bool IsOpenIn(IHostEnvironment environment) =>
        environment.IsDevelopment() && string.IsNullOrEmpty(BearerToken) && AllowedNetworks.Length == 0;
}

internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    private const string Networks = "Metrics:AllowedNetworks";
    private const string Token = "Metrics:BearerToken";
    private readonly IHostEnvironment _environment;
    private readonly IConfiguration _configuration;

    public MetricsOptionsValidator(IHostEnvironment environment, IConfiguration configuration)
    {
        _environment = environment;
        _configuration = configuration;
    }

    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.BearerToken) && !BearerSecret.IsStrong(options.BearerToken))
        {
            failures.Add(BearerSecret.WeakSecretFailure(Token));
        }

        if (SettingLists.ScalarInsteadOfList(_configuration, Networks) is { } scalar)
        {
            failures.Add(scalar);
        }

        for (var i = 0; i < options.AllowedNetworks.Length; i++)
        {
            var entry = options.AllowedNetworks[i];
            if (!IpNetworks.TryParse(entry, out var network, out var error))
            {
                failures.Add($"{Networks}:{i} '{entry}' {error}.");
            }
            else if (!_environment.IsDevelopment() && IpNetworks.CoversEveryAddress(network))
            {
                failures.Add($"{Networks}:{i} '{entry}' lets every client read the metrics: outside Development list the scrapers' networks, or use {Token}.");
            }
        }

        if (options.Enabled && !_environment.IsDevelopment() && string.IsNullOrEmpty(options.BearerToken) && options.AllowedNetworks.Length == 0)
        {
            failures.Add($"Metrics:Enabled outside Development needs {Token} (a secret of at least {BearerSecret.MinimumLength} characters that the scraper sends as a bearer token) or {Networks}: nobody else may read the metrics.");
        }

        return failures.ToResult();
    }
}
