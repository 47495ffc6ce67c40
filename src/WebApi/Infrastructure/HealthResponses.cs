using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// Health answers carry statuses (and, for the operator, counts and timings) only: no host names, versions or
/// exception text. Anonymous readiness answers carry nothing that changes with someone's account: the outbox's
/// pending count rises when a reset is requested for a registered address, so counts are for the operator only.
/// </summary>
public static class HealthResponses
{
    public static Task WriteStatusAsync(HttpContext context, HealthReport report)
    {
        return context.Response.WriteAsJsonAsync(new { status = report.Status.ToString() });
    }

    /// <summary>
    /// The overall status and each check's name and status; each check's numeric details (e.g. dead and pending mail)
    /// and duration only in Development or for a caller presenting <see cref="HealthOptions.DetailsToken"/>.
    /// </summary>
    public static Task WriteDetailsAsync(HttpContext context, HealthReport report)
    {
        context.Response.Headers.Vary = HeaderNames.Authorization;
        var details = MayShowDetails(context);
        var checks = report.Entries.ToDictionary(
            e => e.Key,
            e => (object)(details ? Details(e.Value) : new Dictionary<string, object> { ["status"] = e.Value.Status.ToString() }));
        return context.Response.WriteAsJsonAsync(new { status = report.Status.ToString(), checks });
    }

    private static Dictionary<string, object> Details(HealthReportEntry entry)
    {
        var details = new Dictionary<string, object>
        {
            ["status"] = entry.Status.ToString(),
            ["duration_ms"] = Math.Round(entry.Duration.TotalMilliseconds, 1),
        };
        foreach (var (key, value) in entry.Data.Where(d => d.Value is int or long))
        {
            details[key] = value;
        }

        return details;
    }

    private static bool MayShowDetails(HttpContext context) =>
        context.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment()
        || BearerSecret.IsPresented(context, context.RequestServices.GetRequiredService<IOptions<HealthOptions>>().Value.DetailsToken);
}
