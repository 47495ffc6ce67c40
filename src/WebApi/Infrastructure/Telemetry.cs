using CleanAuth.Application.Common.Options;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Metrics and traces: the <c>Metrics</c> and <c>Otel</c> settings, the OpenTelemetry pipelines, <c>/metrics</c>.</summary>
public static class Telemetry
{
    /// <summary>Settings <c>Metrics</c> and <c>Otel</c> (validated at start-up) and the pipelines they ask for.</summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MetricsOptions, MetricsOptionsValidator>(configuration, MetricsOptions.SectionName);
        services.AddValidatedOptions<OtelOptions, OtelOptionsValidator>(configuration, OtelOptions.SectionName);
        services.AddSingleton<TelemetryProviders>();
        return services;
    }

    /// <summary>
    /// Starts the pipelines (before the first request) and, with <c>Metrics:Enabled</c>, maps <see cref="MetricsOptions.Path"/>:
    /// the Prometheus exporter's endpoint behind <see cref="MetricsAccessMiddleware"/>, never rate limited, not in the
    /// OpenAPI document. While off, the path is an unknown route (the 404 problem).
    /// </summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        var providers = app.Services.GetRequiredService<TelemetryProviders>();
        if (!app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            return app;
        }

        app.MapPrometheusScrapingEndpoint(
                MetricsOptions.Path, providers.Meters, branch => branch.UseMiddleware<MetricsAccessMiddleware>(), optionsName: null)
            .DisableRateLimiting()
            .ExcludeFromDescription();
        return app;
    }
}
