using System.Diagnostics;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// ASP.NET Core creates a request's <see cref="Activity"/> only when something listens to it. This listener makes
/// sure every request has one, so every problem's <c>trace_id</c> and every log event carry the same W3C trace id.
/// (An OpenTelemetry exporter, when added, listens as well.)
/// </summary>
internal static class RequestActivities
{
    private static readonly ActivityListener s_listener = new()
    {
        ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
    };

    private static int s_registered;

    public static void EnsureCreated()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            ActivitySource.AddActivityListener(s_listener);
        }
    }
}
