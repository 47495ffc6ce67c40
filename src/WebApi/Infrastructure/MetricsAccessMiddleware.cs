using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// Who may scrape <see cref="MetricsOptions.Path"/> (it runs in the endpoint's own pipeline, ahead of the exporter):
/// a caller presenting <c>Authorization: Bearer &lt;Metrics:BearerToken&gt;</c> (compared in constant time), or a client
/// whose address (behind trusted proxies, as <see cref="EdgeSecurity"/> resolved it) is in <c>Metrics:AllowedNetworks</c>;
/// anyone in Development when neither is set. Everyone else gets the 401 <c>INVALID_TOKEN</c> problem, with
/// <c>WWW-Authenticate</c> as every other 401 has it.
/// </summary>
internal sealed class MetricsAccessMiddleware
{
    private readonly RequestDelegate _next;
    private readonly string? _token;
    private readonly IReadOnlyList<IPNetwork> _networks;
    private readonly bool _open;

    public MetricsAccessMiddleware(RequestDelegate next, IOptions<MetricsOptions> options, IHostEnvironment environment)
    {
        _next = next;
        var settings = options.Value;
        _token = settings.BearerToken;
        _networks = settings.AllowedNetworkRanges();
        _open = settings.IsOpenIn(environment);
    }

    public Task InvokeAsync(HttpContext context) =>
        _open || BearerSecret.IsPresented(context, _token) || IsFromAllowedNetwork(context.Connection.RemoteIpAddress)
            ? _next(context)
            : RefuseAsync(context);

    private bool IsFromAllowedNetwork(IPAddress? client)
    {
        if (client is null)
        {
            return false;
        }

        foreach (var network in _networks)
        {
            if (network.Contains(client))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task RefuseAsync(HttpContext context)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = context.Request.Headers.Authorization.Count == 0
            ? "Bearer"
            : "Bearer error=\"invalid_token\"";
        await ApiProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, ApiProblems.InvalidToken,
            "The metrics need the metrics bearer token, or a request from an allowed network.");
    }
}
