namespace CleanAuth.WebApi.Infrastructure;

/// <summary>API answers carry credentials and personal data: no cache may keep them.</summary>
public sealed class ApiResponseHeadersMiddleware
{
    private static readonly PathString s_apiPrefix = new("/api");
    private readonly RequestDelegate _next;

    public ApiResponseHeadersMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(s_apiPrefix))
        {
            context.Response.Headers.CacheControl = "no-store";
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        return _next(context);
    }
}
