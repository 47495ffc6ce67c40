namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// The headers every response carries, whatever answered it (a controller, a problem from the exception handler or
/// status-code pages, a CORS preflight, health): set as the response starts, so nothing that clears or replaces the
/// response on the way (the exception handler does) loses them.
/// <list type="bullet">
/// <item>No sniffing, framing, referrer or powerful features; a CSP that allows nothing (JSON needs nothing), except
/// for the Swagger UI under <c>/docs</c>, which may load its own scripts, styles and images and call the API.</item>
/// <item><c>Cache-Control: no-store</c> under <c>/api</c> (errors included), health and metrics: answers carry
/// credentials, personal data or a state that must be fresh.</item>
/// <item>HSTS (RFC 6797) outside Development on HTTPS requests only, as seen through a trusted proxy
/// (<c>X-Forwarded-Proto</c>); never over plain HTTP.</item>
/// </list>
/// </summary>
public sealed class ApiResponseHeadersMiddleware
{
    public const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The Swagger UI's pages: their own scripts and styles, the images they hold (favicons, SVG data URIs in the
    /// stylesheet), calls to this API (the OpenAPI document, "Try it out", the password flow). The one hash is the
    /// <c>&lt;style&gt;</c> element inside Swagger UI 5's logo SVG (only the logo's colours depend on it).
    /// </summary>
    public const string DocsContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='; "
        + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public const string PermissionsPolicy = "camera=(), geolocation=(), microphone=(), payment=(), usb=()";
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    private static readonly PathString[] s_noStorePrefixes = [new("/api"), new("/health"), new("/metrics")];
    private static readonly PathString s_docsPrefix = new("/docs");

    private readonly RequestDelegate _next;
    private readonly bool _hsts;

    public ApiResponseHeadersMiddleware(RequestDelegate next, IHostEnvironment environment)
    {
        _next = next;
        _hsts = !environment.IsDevelopment();
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (httpContext, hsts) = ((HttpContext, bool))state;
            Apply(httpContext, hsts);
            return Task.CompletedTask;
        }, (context, _hsts));
        return _next(context);
    }

    private static void Apply(HttpContext context, bool hsts)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers.ContentSecurityPolicy = request.Path.StartsWithSegments(s_docsPrefix) ? DocsContentSecurityPolicy : ContentSecurityPolicy;
        foreach (var prefix in s_noStorePrefixes)
        {
            if (request.Path.StartsWithSegments(prefix))
            {
                headers.CacheControl = "no-store";
            }
        }

        if (hsts && request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
    }
}
