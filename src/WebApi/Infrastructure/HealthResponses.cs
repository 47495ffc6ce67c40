using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Health answers carry statuses and counts only: no host names, versions or exception text.</summary>
public static class HealthResponses
{
    public static Task WriteStatusAsync(HttpContext context, HealthReport report)
    {
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new { status = report.Status.ToString() });
    }

    /// <summary>The overall status and each check's status with its numeric details (e.g. dead mail count).</summary>
    public static Task WriteDetailsAsync(HttpContext context, HealthReport report)
    {
        context.Response.Headers.CacheControl = "no-store";
        var checks = report.Entries.ToDictionary(
            e => e.Key,
            e => (object)e.Value.Data.Where(d => d.Value is int or long).Aggregate(
                new Dictionary<string, object> { ["status"] = e.Value.Status.ToString() },
                (details, d) =>
                {
                    details[d.Key] = d.Value;
                    return details;
                }));
        return context.Response.WriteAsJsonAsync(new { status = report.Status.ToString(), checks });
    }
}
