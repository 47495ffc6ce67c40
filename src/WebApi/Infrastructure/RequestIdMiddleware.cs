using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;
using Serilog.Context;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// Gives every request an id: the caller's <c>X-Request-ID</c> when it is 1–128 characters of <c>A–Z a–z 0–9 - _ . :</c>,
/// otherwise (absent, empty, too long, other characters, sent twice) a new one of 32 lowercase hex characters; an
/// invalid value is dropped unseen (never echoed or logged) and the request is served as usual. The id is answered in
/// <c>X-Request-ID</c> on every response and is property <c>request_id</c> of every log event written while the request
/// is handled, its completion line included. Problem bodies do not carry it (equal errors stay equal but for <c>trace_id</c>).
/// </summary>
public sealed class RequestIdMiddleware
{
    public const string HeaderName = "X-Request-ID";
    public const string LogProperty = "request_id";
    public const int MaxLength = 128;

    private static readonly SearchValues<char> s_allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:");

    private static readonly object s_itemKey = new();
    private readonly RequestDelegate _next;

    public RequestIdMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        var id = Accept(context.Request.Headers[HeaderName]) ?? NewId();
        context.Items[s_itemKey] = id;
        context.Response.OnStarting(static state =>
        {
            var httpContext = (HttpContext)state;
            httpContext.Response.Headers[HeaderName] = Of(httpContext);
            return Task.CompletedTask;
        }, context);

        using (LogContext.PushProperty(LogProperty, id))
        {
            await _next(context);
        }
    }

    /// <summary>The request's id (null outside this middleware).</summary>
    public static string? Of(HttpContext context) => context.Items.TryGetValue(s_itemKey, out var id) ? id as string : null;

    /// <summary>The incoming value when it is one acceptable id; otherwise null.</summary>
    public static string? Accept(StringValues values) =>
        values is [{ Length: > 0 and <= MaxLength } value] && value.AsSpan().IndexOfAnyExcept(s_allowed) < 0 ? value : null;

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
