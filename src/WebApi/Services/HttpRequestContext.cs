using CleanAuth.Application.Common.Interfaces;
using CleanAuth.WebApi.Infrastructure;

namespace CleanAuth.WebApi.Services;

/// <summary>
/// The current HTTP request's client address, user agent and trace id, read when asked (so a scope created during the
/// request sees the same); in background work queued by a request, that request's (<see cref="RequestOrigin.Replay"/>);
/// otherwise all null (the command line, start-up).
/// </summary>
public sealed class HttpRequestContext : IRequestContext
{
    private readonly IHttpContextAccessor _accessor;

    public HttpRequestContext(IHttpContextAccessor accessor) => _accessor = accessor;

    public string? IpAddress => RequestOrigin.Replayed is { } origin ? origin.IpAddress
        : _accessor.HttpContext is { } context ? ClientIpAddress(context) : null;

    public string? UserAgent => RequestOrigin.Replayed is { } origin ? origin.UserAgent
        : _accessor.HttpContext is { } context ? ClientUserAgent(context) : null;

    public string? TraceId => RequestOrigin.Replayed is { } origin ? origin.TraceId
        : _accessor.HttpContext is { } context ? ApiProblems.TraceId(context) : null;

    /// <summary>
    /// The client's address as sessions and the audit log record it: the connection's remote address, which
    /// <see cref="EdgeSecurity.UseEdgeSecurity"/> has set to the client behind a trusted proxy (<c>Network:TrustedProxies</c>).
    /// </summary>
    public static string? ClientIpAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    /// <summary>The <c>User-Agent</c> header; null when absent or empty.</summary>
    public static string? ClientUserAgent(HttpContext context) =>
        context.Request.Headers.UserAgent.ToString() is { Length: > 0 } userAgent ? userAgent : null;
}
