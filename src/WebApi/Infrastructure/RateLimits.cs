using System.Globalization;
using System.Threading.RateLimiting;
using CleanAuth.Application.Common.Metrics;
using CleanAuth.Application.Common.Options;
using CleanAuth.WebApi.Services;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Serilog;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// Requests per client address and minute, in memory (ASP.NET Core's rate limiter, <c>RateLimiting</c> settings): the
/// <see cref="Global"/> budget over every route, and on top of it the <see cref="Auth"/> and <see cref="Refresh"/>
/// policies, per client and route (<c>[EnableRateLimiting]</c> on those actions). Every request counts, whatever its
/// outcome; a refusal is a 429 <see cref="ApiProblems.RateLimited"/> problem with <c>Retry-After</c>, decided before
/// authentication, the body limit or any database work. Health, metrics and CORS preflights are never limited. The
/// client is <c>HttpContext.Connection.RemoteIpAddress</c>: the TCP peer, or the client behind a trusted proxy
/// (<see cref="EdgeSecurity.UseEdgeSecurity"/>).
/// </summary>
public static class RateLimits
{
    /// <summary>The policy of every route (<c>RateLimiting:PerMinute</c>).</summary>
    public const string Global = "global";

    /// <summary>Register, login, login-form, password reset and email verification (<c>RateLimiting:AuthPerMinute</c>).</summary>
    public const string Auth = "auth";

    /// <summary>Refresh (<c>RateLimiting:RefreshPerMinute</c>).</summary>
    public const string Refresh = "refresh";

    /// <summary>The property of a refused request's completion log line that names the policy that refused it.</summary>
    public const string LogProperty = "RateLimitPolicy";

    /// <summary>Every budget's window, which a client's first request opens; also the longest <c>Retry-After</c>.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>The global limiter's key for what is never limited: no client address looks like it.</summary>
    private const string UnlimitedPartition = "unlimited";

    private static readonly PathString[] s_unlimitedPaths = [new("/health"), new("/health/ready"), new("/metrics")];

    /// <summary>Settings <c>RateLimiting</c> (validated at start-up) and the limiter's policies.</summary>
    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RateLimitingOptions, RateLimitingOptionsValidator>(configuration, RateLimitingOptions.SectionName);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>, TimeProvider>((limiter, settings, clock) =>
        {
            var limits = settings.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsUnlimited(context)
                ? RateLimitPartition.GetNoLimiter(UnlimitedPartition)
                : RateLimitPartition.Get(ClientOf(context), _ => new FixedWindowLimiter(limits.PerMinute, Window, clock)));
            limiter.OnRejected = (context, _) => OnRejectedAsync(context, Global);
            limiter.AddPolicy(Auth, new PerClientAndRoutePolicy(Auth, limits.AuthPerMinute, clock));
            limiter.AddPolicy(Refresh, new PerClientAndRoutePolicy(Refresh, limits.RefreshPerMinute, clock));
        });
        return services;
    }

    /// <summary>
    /// The limiter, after <see cref="EdgeSecurity.UseEdgeSecurity"/> (the client's address is known, the edge headers are
    /// promised) and <see cref="EdgeSecurity.UseEdgeCors"/> (a refusal carries the CORS headers a page needs to read it;
    /// preflights are answered before they could count), ahead of everything that costs: the body limit, authentication,
    /// the endpoints. Nothing while <c>RateLimiting:Enabled</c> is false.
    /// </summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Enabled)
        {
            app.UseRateLimiter();
        }

        return app;
    }

    /// <summary>
    /// Every refusal, whichever policy made it (<see cref="Global"/>, <see cref="Auth"/> or <see cref="Refresh"/>): the one
    /// place a refusal goes through. 429 <see cref="ApiProblems.RateLimited"/>, with <c>Retry-After</c> in whole seconds
    /// until this client is served again (1 to 60); the request's completion log line names the policy
    /// (<see cref="LogProperty"/>), and <c>cleanauth_rate_limited_requests_total{policy}</c> counts it.
    /// </summary>
    public static ValueTask OnRejectedAsync(OnRejectedContext context, string policy)
    {
        context.HttpContext.RequestServices.GetService<IDiagnosticContext>()?.Set(LogProperty, policy);
        context.HttpContext.RequestServices.GetRequiredService<CleanAuthMetrics>().RateLimited(policy);
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        context.HttpContext.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        return ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, ApiProblems.RateLimited,
            "Too many requests from this client. Retry after the number of seconds in Retry-After.");
    }

    /// <summary>A wait rounded up to whole seconds, at least 1 and at most one window.</summary>
    public static int RetryAfterSeconds(TimeSpan wait) => (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 1, Window.TotalSeconds);

    /// <summary>Health, metrics and CORS preflights: never limited, never counted.</summary>
    public static bool IsUnlimited(HttpContext context)
    {
        var request = context.Request;
        if (EdgeSecurity.IsCorsPreflight(request))
        {
            return true;
        }

        var path = request.Path.Value is { Length: > 1 } value && value.EndsWith('/') ? new PathString(value.TrimEnd('/')) : request.Path;
        return s_unlimitedPaths.Any(unlimited => path.Equals(unlimited, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The client's address, as sessions and the audit log record it; empty when the server knows none (a Unix socket, the
    /// in-memory test server): such requests share one budget.
    /// </summary>
    private static string ClientOf(HttpContext context) => HttpRequestContext.ClientIpAddress(context) ?? string.Empty;

    /// <summary>A budget per client on each route that names the policy, and the policy's name on its refusals.</summary>
    private sealed class PerClientAndRoutePolicy(string name, int perMinute, TimeProvider clock) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } =
            (context, _) => OnRejectedAsync(context, name);

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            RateLimitPartition.Get($"{ClientOf(httpContext)} {RequestCompletionLog.RouteOf(httpContext)}", _ => new FixedWindowLimiter(perMinute, Window, clock));
    }
}
