using CleanAuth.Application.Common.Options;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// What the API does at its edge, before any endpoint: request ids, the client's address behind trusted proxies, the
/// response headers every answer carries, and CORS.
/// </summary>
public static class EdgeSecurity
{
    public static readonly string[] CorsMethods = ["GET", "POST", "PUT", "DELETE"];
    public static readonly string[] CorsRequestHeaders = ["Authorization", "Content-Type", RequestIdMiddleware.HeaderName, RefreshTokenCookieOptions.CsrfHeaderName, "traceparent"];
    public static readonly string[] CorsExposedHeaders = [RequestIdMiddleware.HeaderName, "Retry-After"];
    public static readonly TimeSpan CorsPreflightMaxAge = TimeSpan.FromSeconds(600);

    /// <summary>Settings <c>Cors</c>, <c>Auth:RefreshTokenCookie</c> and <c>Network</c> (validated at start-up), and the CORS services.</summary>
    public static IServiceCollection AddEdgeSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CorsPolicyOptions, CorsPolicyOptionsValidator>(configuration, CorsPolicyOptions.SectionName);
        services.AddValidatedOptions<RefreshTokenCookieOptions, RefreshTokenCookieOptionsValidator>(configuration, RefreshTokenCookieOptions.SectionName);
        services.AddValidatedOptions<NetworkOptions, NetworkOptionsValidator>(configuration, NetworkOptions.SectionName);
        services.AddCors();
        return services;
    }

    /// <summary>
    /// The outermost middleware, ahead of the request log: the request id (so every log line of the request has it),
    /// the response headers, then the client's address and scheme from a trusted proxy's forwarding headers (so the
    /// log, HSTS, sessions and audit entries see the client, through <c>HttpContext.Connection.RemoteIpAddress</c>).
    /// </summary>
    public static IApplicationBuilder UseEdgeSecurity(this IApplicationBuilder app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<ApiResponseHeadersMiddleware>();

        // A dual-stack socket shows an IPv4 peer as ::ffff:a.b.c.d. Its IPv4 form is what sessions and the audit log
        // record, and what is checked against the trusted proxies: .NET's IPNetwork.Contains matches a mapped address
        // against an IPv6 range by its last 32 bits (fd00::c0a8:1/128 "contains" ::ffff:192.168.0.1).
        app.Use((context, next) =>
        {
            if (context.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } peer)
            {
                context.Connection.RemoteIpAddress = peer.MapToIPv4();
            }

            return next(context);
        });

        var trustedProxies = app.ApplicationServices.GetRequiredService<IOptions<NetworkOptions>>().Value.TrustedProxyNetworks();
        if (trustedProxies.Count > 0)
        {
            // With no known proxy at all ForwardedHeadersMiddleware believes every peer, and with no peer address (a Unix
            // socket, the in-memory test server) it believes the headers too: it runs only for a peer it can check.
            var forwarded = ForwardedHeadersFrom(trustedProxies);
            app.UseWhen(context => context.Connection.RemoteIpAddress is not null, branch => branch.UseForwardedHeaders(forwarded));
        }

        return app;
    }

    /// <summary>
    /// CORS for <c>Cors:AllowedOrigins</c>, after the request log (preflights are logged) and before authentication
    /// (preflights carry no credentials): a preflight answers 204 at once, with the policy's headers for a listed origin
    /// and none for any other. Nothing at all when no origin is listed.
    /// </summary>
    public static IApplicationBuilder UseEdgeCors(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        var cors = services.GetRequiredService<IOptions<CorsPolicyOptions>>().Value;
        if (cors.AllowedOrigins.Length > 0)
        {
            var cookie = services.GetRequiredService<IOptions<RefreshTokenCookieOptions>>().Value;
            app.UseCors(policy => ConfigureCorsPolicy(policy, cors, cookie));
        }
        else
        {
            // No origin is allowed, so no CORS header is sent; a preflight still gets its 204, as an unlisted origin's
            // does when some are listed (the browser then refuses the call for lack of the headers), not routing's 405.
            app.Use((context, next) =>
            {
                if (IsCorsPreflight(context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    return Task.CompletedTask;
                }

                return next(context);
            });
        }

        return app;
    }

    internal static ForwardedHeadersOptions ForwardedHeadersFrom(IEnumerable<System.Net.IPNetwork> trustedProxies)
    {
        // Right to left through X-Forwarded-For: each address a trusted proxy added is the next peer, until one that is
        // not a trusted proxy, which is the client (ForwardLimit null: however many proxies are chained).
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var network in trustedProxies)
        {
            options.KnownIPNetworks.Add(network);
        }

        return options;
    }

    internal static void ConfigureCorsPolicy(CorsPolicyBuilder policy, CorsPolicyOptions cors, RefreshTokenCookieOptions cookie)
    {
        policy
            .WithMethods(CorsMethods)
            .WithHeaders(CorsRequestHeaders)
            .WithExposedHeaders(CorsExposedHeaders)
            .SetPreflightMaxAge(CorsPreflightMaxAge);
        if (cors.AllowsAnyOrigin)
        {
            policy.AllowAnyOrigin();
        }
        else
        {
            // A predicate rather than WithOrigins: exact, ordinal matches of the serialized origin, and Vary: Origin on
            // every allowed answer (WithOrigins with a single origin omits it).
            var origins = cors.SerializedOrigins();
            policy.SetIsOriginAllowed(origins.Contains);
            if (cookie.Enabled)
            {
                policy.AllowCredentials();
            }
        }
    }

    /// <summary>A CORS preflight: <c>OPTIONS</c> with an <c>Origin</c> and an <c>Access-Control-Request-Method</c>.</summary>
    public static bool IsCorsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method)
        && request.Headers.ContainsKey(HeaderNames.Origin)
        && !string.IsNullOrEmpty(request.Headers.AccessControlRequestMethod);
}
