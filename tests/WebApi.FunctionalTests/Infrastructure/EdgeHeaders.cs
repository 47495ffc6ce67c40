using System.Text.RegularExpressions;
using CleanAuth.WebApi.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>Assertions on the headers every response carries (ApiResponseHeadersMiddleware, RequestIdMiddleware).</summary>
public static partial class EdgeHeaders
{
    /// <summary>A header's values, wherever HttpClient filed it (response or content headers); empty when absent.</summary>
    public static string[] Values(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? [.. values] : [];

    public static string? HeaderValue(this HttpResponseMessage response, string name) =>
        response.Values(name) is [var value] ? value : null;

    /// <summary>
    /// The headers of every response: no sniffing, framing, referrer or powerful features, the strict CSP (the Swagger
    /// UI's under /docs), a generated request id, never a Server or X-Powered-By; <c>Cache-Control: no-store</c> when
    /// <paramref name="noStore"/>. HSTS is left to the caller (it depends on the scheme and the environment).
    /// </summary>
    public static void ShouldCarryEdgeHeaders(this HttpResponseMessage response, string because, bool noStore, bool docs = false)
    {
        because = $"{because} ({(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath})";
        response.HeaderValue("X-Content-Type-Options").Should().Be("nosniff", because);
        response.HeaderValue("X-Frame-Options").Should().Be("DENY", because);
        response.HeaderValue("Referrer-Policy").Should().Be("no-referrer", because);
        response.HeaderValue("Permissions-Policy").Should().Be("camera=(), geolocation=(), microphone=(), payment=(), usb=()", because);
        response.HeaderValue("Content-Security-Policy").Should().Be(
            docs ? ApiResponseHeadersMiddleware.DocsContentSecurityPolicy : "default-src 'none'; frame-ancestors 'none'", because);
        if (docs)
        {
            response.HeaderValue("Content-Security-Policy").Should().Contain("frame-ancestors 'none'", because);
        }

        response.HeaderValue("X-Request-ID").Should().MatchRegex(GeneratedRequestId().ToString(), because);
        response.Values("Server").Should().BeEmpty(because);
        response.Values("X-Powered-By").Should().BeEmpty(because);
        if (noStore)
        {
            (response.Headers.CacheControl?.NoStore ?? false).Should().BeTrue(because);
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    public static partial Regex GeneratedRequestId();
}
