using Microsoft.AspNetCore.Diagnostics;
using Serilog;
using Serilog.AspNetCore;
using Serilog.Events;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// One completion line per request, whatever answered it (a controller, the bearer challenge, the body limit, the
/// exception handler, a 404): method, route template (or the path when no route matched; never the query string),
/// status, duration and the same <c>trace_id</c> a problem body carries. It is written through the host's own
/// Serilog logger: the static one is silent, since every host keeps its own logger.
/// </summary>
public static class RequestCompletionLog
{
    public const string MessageTemplate = "HTTP {RequestMethod} {Route} responded {StatusCode} in {Elapsed:0.0000} ms";

    private static readonly object s_shedKey = new();

    public static void Configure(RequestLoggingOptions options, IServiceProvider services)
    {
        options.Logger = services.GetRequiredService<Serilog.ILogger>();
        options.MessageTemplate = MessageTemplate;
        options.IncludeQueryInRequestPath = false;
        options.EnrichDiagnosticContext = Enrich;
        options.GetLevel = LevelOf;
    }

    /// <summary>Marks the answer as a deliberate 503 (load shed, with Retry-After): logged as a 429 is, not as a failure.</summary>
    public static void MarkShed(HttpContext context) => context.Items[s_shedKey] = true;

    /// <summary>Serilog's default (Error for an exception or a 5xx, else Information), except that a shed 503 is Information.</summary>
    public static LogEventLevel LevelOf(HttpContext context, double elapsedMs, Exception? exception) =>
        exception is null && (context.Response.StatusCode < 500 || context.Items.ContainsKey(s_shedKey))
            ? LogEventLevel.Information
            : LogEventLevel.Error;

    /// <summary>The matched endpoint's route template, or the path (without query) when no route matched.</summary>
    public static string RouteOf(HttpContext context)
    {
        // The exception handler clears the endpoint before it answers; it keeps the original one in its feature.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        return endpoint is RouteEndpoint { RoutePattern.RawText: { } template }
            ? "/" + template.TrimStart('/')
            : (context.Request.PathBase + context.Request.Path).ToString();
    }

    private static void Enrich(IDiagnosticContext diagnostics, HttpContext context)
    {
        diagnostics.Set("Route", RouteOf(context));
        diagnostics.Set("TraceId", ApiProblems.TraceId(context));
    }
}
