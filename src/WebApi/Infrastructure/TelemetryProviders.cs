using System.Reflection;
using CleanAuth.Application.Common.Metrics;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// The OpenTelemetry pipelines the settings ask for, built from the validated settings once the app is built (the
/// registration code runs before test hosts add their settings), and disposed with the app, which flushes what is
/// left to export. None by default: then nothing listens to the meters and instruments cost next to nothing.
/// <list type="bullet">
/// <item>Metrics, when <c>Metrics:Enabled</c> (the Prometheus exporter behind <c>/metrics</c>) or <c>Otel:Endpoint</c>
/// is set (OTLP): CleanAuth's own meter (<see cref="CleanAuthMetrics"/>), ASP.NET Core's (among them
/// <c>http.server.request.duration</c>) and Npgsql's connection pool.</item>
/// <item>Traces, when <c>Otel:Endpoint</c> is set: each request (health and metrics scrapes left out) and its
/// PostgreSQL commands, under the request's W3C trace id (the one problems and logs carry).</item>
/// </list>
/// The standard <c>OTEL_*</c> environment variables tune the export (<c>OTEL_METRIC_EXPORT_INTERVAL</c>,
/// <c>OTEL_BSP_SCHEDULE_DELAY</c>, <c>OTEL_EXPORTER_OTLP_HEADERS</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>, …).
/// </summary>
internal sealed class TelemetryProviders : IDisposable
{
    public const string ServiceName = "cleanauth";
    internal const string NpgsqlConnectionCount = "db.client.connection.count";
    internal const string NpgsqlConnectionUsage = "db.client.connections.usage";

    private static readonly PathString[] s_untracedPrefixes = [new("/health"), new(MetricsOptions.Path)];

    public TelemetryProviders(IOptions<MetricsOptions> metrics, IOptions<OtelOptions> otel)
    {
        var scrape = metrics.Value.Enabled;
        var metricsEndpoint = otel.Value.SignalEndpoint("v1/metrics");
        var tracesEndpoint = otel.Value.SignalEndpoint("v1/traces");
        if (scrape || metricsEndpoint is not null)
        {
            var builder = Sdk.CreateMeterProviderBuilder()
                .ConfigureResource(DescribeService)
                .AddMeter(CleanAuthMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation()
                // Prometheus reserves _count for histograms and summaries (promtool refuses db_client_connection_count):
                // the pool's connections go out under the name earlier conventions gave them.
                .AddView(NpgsqlConnectionCount, new MetricStreamConfiguration { Name = NpgsqlConnectionUsage });
            if (scrape)
            {
                builder.AddPrometheusExporter();
            }

            if (metricsEndpoint is not null)
            {
                builder.AddOtlpExporter(o => UseHttpProtobuf(o, metricsEndpoint));
            }

            Meters = builder.Build();
        }

        if (tracesEndpoint is not null)
        {
            Traces = Sdk.CreateTracerProviderBuilder()
                .ConfigureResource(DescribeService)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !s_untracedPrefixes.Any(context.Request.Path.StartsWithSegments))
                .AddNpgsql()
                .AddOtlpExporter(o => UseHttpProtobuf(o, tracesEndpoint))
                .Build();
        }
    }

    /// <summary>The metrics pipeline, or null when neither <c>/metrics</c> nor OTLP is on.</summary>
    public MeterProvider? Meters { get; }

    /// <summary>The traces pipeline, or null without <c>Otel:Endpoint</c>.</summary>
    public TracerProvider? Traces { get; }

    public void Dispose()
    {
        Traces?.Dispose();
        Meters?.Dispose();
    }

    /// <summary><c>service.name</c> cleanauth and the app's version; <c>OTEL_SERVICE_NAME</c> / <c>OTEL_RESOURCE_ATTRIBUTES</c> win.</summary>
    private static void DescribeService(ResourceBuilder resource) =>
        resource
            .AddService(ServiceName, serviceVersion: typeof(TelemetryProviders).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion)
            .AddEnvironmentVariableDetector();

    private static void UseHttpProtobuf(OtlpExporterOptions exporter, Uri endpoint)
    {
        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = endpoint;
    }
}
