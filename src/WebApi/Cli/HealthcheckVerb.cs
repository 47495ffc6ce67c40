using System.CommandLine;
using System.Globalization;

namespace CleanAuth.WebApi.Cli;

/// <summary>
/// <c>healthcheck [--url http://127.0.0.1:8080/health]</c>: asks the running server's liveness endpoint and exits 0 when
/// it answers 200, 1 otherwise: a container's <c>HEALTHCHECK</c> with no curl in the image. It needs no settings and
/// builds nothing: the address is the one the server listens on, from <c>ASPNETCORE_URLS</c> or
/// <c>ASPNETCORE_HTTP_PORTS</c> (a wildcard host becomes 127.0.0.1), else Kestrel's default port 5000.
/// </summary>
internal static class HealthcheckVerb
{
    public const string Name = "healthcheck";
    public const string HealthPath = "/health";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);
    private static readonly string[] s_wildcardHosts = ["+", "*", "0.0.0.0", "[::]", "localhost"];

    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "The health endpoint to ask (default: /health on the port the server listens on)." };
        var command = new Command(Name, "Ask the running server's /health; exit 0 when it answers 200, 1 otherwise (for container health checks).") { url };
        command.SetAction(async (parsed, ct) =>
        {
            var target = parsed.GetValue(url) is { } given ? AbsoluteHttp(given) : DefaultUrl(Environment.GetEnvironmentVariable);
            if (target is null)
            {
                await Console.Error.WriteLineAsync($"--url must be an absolute http(s) URL, not '{parsed.GetValue(url)}'.");
                return ExitCodes.UsageError;
            }

            return await CheckAsync(target, ct);
        });
        return command;
    }

    /// <summary>/health on the first http address of <c>ASPNETCORE_URLS</c>, else the first of <c>ASPNETCORE_HTTP_PORTS</c>, else port 5000.</summary>
    internal static Uri DefaultUrl(Func<string, string?> environment)
    {
        foreach (var entry in (environment("ASPNETCORE_URLS") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var schemeEnd = entry.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd < 0 || !entry[..schemeEnd].Equals("http", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = entry[(schemeEnd + 3)..];
            var portStart = rest.LastIndexOf(':');
            var host = portStart > 0 && !rest.EndsWith(']') ? rest[..portStart] : rest.TrimEnd('/');
            var port = portStart > 0 && !rest.EndsWith(']') && int.TryParse(rest[(portStart + 1)..].TrimEnd('/'), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 80;
            return Local(s_wildcardHosts.Contains(host, StringComparer.OrdinalIgnoreCase) ? "127.0.0.1" : host, port);
        }

        var ports = (environment("ASPNETCORE_HTTP_PORTS") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return ports.Length > 0 && int.TryParse(ports[0], NumberStyles.None, CultureInfo.InvariantCulture, out var httpPort)
            ? Local("127.0.0.1", httpPort)
            : Local("127.0.0.1", 5000);
    }

    private static Uri Local(string host, int port) => new UriBuilder(Uri.UriSchemeHttp, host, port, HealthPath).Uri;

    private static Uri? AbsoluteHttp(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    private static async Task<int> CheckAsync(Uri target, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = s_timeout };
        try
        {
            using var response = await client.GetAsync(target, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                await Console.Out.WriteLineAsync($"healthy: {(int)response.StatusCode} from {target}");
                return ExitCodes.Success;
            }

            await Console.Error.WriteLineAsync($"unhealthy: {(int)response.StatusCode} from {target}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"unhealthy: no answer from {target} ({ex.Message})");
        }

        return ExitCodes.Unhealthy;
    }
}
