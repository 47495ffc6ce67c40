using CleanAuth.Application.Common.Interfaces;
using CleanAuth.WebApi.Infrastructure;

namespace CleanAuth.WebApi.Services;

/// <summary>
/// The current HTTP request's client address, user agent and trace id, read when asked (so a scope created during the
/// request sees the same); all null outside a request (the command line, start-up, background work).
/// </summary>
public sealed class HttpRequestContext : IRequestContext
{
    private readonly IHttpContextAccessor _accessor;

    public HttpRequestContext(IHttpContextAccessor accessor) => _accessor = accessor;

    public string? IpAddress => _accessor.HttpContext is { } context ? ClientIpAddress(context) : null;

    public string? UserAgent => _accessor.HttpContext is { } context ? ClientUserAgent(context) : null;

    public string? TraceId => _accessor.HttpContext is { } context ? ApiProblems.TraceId(context) : null;

    /// <summary>
    /// The client's address as sessions and the audit log record it: the connection's remote address, which
    /// <see cref="EdgeSecurity.UseEdgeSecurity"/> has set to the client behind a trusted proxy (<c>Network:TrustedProxies</c>).
    /// </summary>
    public static string? ClientIpAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    /// <summary>The <c>User-Agent</c> header; null when absent or empty.</summary>
    public static string? ClientUserAgent(HttpContext context) =>
        context.Request.Headers.UserAgent.ToString() is { Length: > 0 } userAgent ? userAgent : null;
}
