using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Health answers carry the status only: no host names, versions or exception text.</summary>
public static class HealthResponses
{
    public static Task WriteStatusAsync(HttpContext context, HealthReport report)
    {
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new { status = report.Status.ToString() });
    }
}
