using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// Refuses a body over <see cref="ApiOptions.MaxRequestBodyBytes"/> with 413 before anything reads it (so an
/// oversized password is never hashed). Declared lengths are refused at once; chunked bodies are cut off by the
/// server's own limit, set here per request.
/// </summary>
public sealed class RequestBodyLimitMiddleware
{
    private readonly RequestDelegate _next;
    private readonly long _limit;

    public RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
    {
        _next = next;
        _limit = options.Value.MaxRequestBodyBytes;
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > _limit)
        {
            return ApiProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", "The request body is too large.").AsTask();
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = _limit;
        }

        return _next(context);
    }
}
