using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Section <c>Otel</c>: OpenTelemetry export (OTLP over HTTP/protobuf) of traces and metrics.</summary>
public sealed class OtelOptions
{
    public const string SectionName = "Otel";

    /// <summary>
    /// The base URL of an OTLP/HTTP receiver (<c>http://collector:4318</c>); traces go to <c>/v1/traces</c> and metrics
    /// to <c>/v1/metrics</c> under it. Unset: nothing is exported.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>The receiver's URL for one signal (<c>v1/traces</c>, <c>v1/metrics</c>), or null when no endpoint is set.</summary>
    public Uri? SignalEndpoint(string signalPath) =>
        string.IsNullOrWhiteSpace(Endpoint) ? null : new Uri(Endpoint.TrimEnd('/') + "/" + signalPath);

    internal static bool IsValidEndpoint(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
}

internal sealed class OtelOptionsValidator : IValidateOptions<OtelOptions>
{
    public ValidateOptionsResult Validate(string? name, OtelOptions options) =>
        string.IsNullOrWhiteSpace(options.Endpoint) || OtelOptions.IsValidEndpoint(options.Endpoint)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                "Otel:Endpoint must be the absolute http(s) URL of an OTLP/HTTP receiver, without query or credentials (e.g. http://collector:4318), or unset.");
}
