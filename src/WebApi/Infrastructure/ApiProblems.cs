using System.Diagnostics;
using CleanAuth.Domain.Common;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// The one shape of every error: RFC 9457 ProblemDetails with a stable <c>code</c> and the <c>trace_id</c>
/// that also appears in the request's log events.
/// </summary>
public static class ApiProblems
{
    public const string ContentType = "application/problem+json";
    public const string MalformedRequest = "MALFORMED_REQUEST";
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    public const string InvalidToken = "INVALID_TOKEN";
    public const string RateLimited = "RATE_LIMITED";

    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    public static string DefaultCodeFor(int? status) => status switch
    {
        400 => "BAD_REQUEST",
        401 => InvalidToken,
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        405 => "METHOD_NOT_ALLOWED",
        406 => "NOT_ACCEPTABLE",
        409 => "CONFLICT",
        413 => "PAYLOAD_TOO_LARGE",
        415 => "UNSUPPORTED_MEDIA_TYPE",
        422 => ValidationFailed,
        429 => "TOO_MANY_REQUESTS",
        503 => ServiceUnavailable,
        _ => status >= 500 ? "INTERNAL_ERROR" : "ERROR",
    };

    /// <summary>Applied to every ProblemDetails the app writes (factory, exception handler, status-code pages).</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions.Remove("traceId");
        problem.Extensions["trace_id"] = TraceId(context.HttpContext);
        problem.Extensions.TryAdd("code", DefaultCodeFor(problem.Status));
        if (problem.Status == StatusCodes.Status401Unauthorized)
        {
            context.HttpContext.Response.Headers.TryAdd(HeaderNames.WWWAuthenticate, "Bearer");
        }
    }

    public static string TraceId(HttpContext context) =>
        Activity.Current?.TraceId.ToString() ?? context.Features.Get<IHttpActivityFeature>()?.Activity.TraceId.ToString() ?? context.TraceIdentifier;

    /// <summary>An <see cref="Error"/> returned by a use case, as an MVC result.</summary>
    public static IActionResult FromError(ControllerBase controller, Error error)
    {
        var status = StatusFor(error.Kind);
        var problem = controller.ProblemDetailsFactory.CreateProblemDetails(controller.HttpContext, status, error.Description);
        problem.Extensions["code"] = error.Code;
        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { ContentType } };
    }

    /// <summary>503 with <c>Retry-After</c> (whole seconds, at least 1): a dependency is down.</summary>
    public static ValueTask WriteUnavailableAsync(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds(retryAfter);
        return WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ServiceUnavailable, "The service is temporarily unavailable. Retry later.");
    }

    /// <summary>The same 503, for load shed on purpose (password hashing at capacity): its completion line is Information.</summary>
    public static ValueTask WriteShedAsync(HttpContext context, TimeSpan retryAfter)
    {
        RequestCompletionLog.MarkShed(context);
        return WriteUnavailableAsync(context, retryAfter);
    }

    /// <summary>A <c>Retry-After</c> value: whole seconds, rounded up, at least 1.</summary>
    public static string RetryAfterSeconds(TimeSpan value) =>
        Math.Max(1, (int)Math.Ceiling(value.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes a problem outside MVC (exception handler, authentication challenge, middleware).</summary>
    public static async ValueTask WriteAsync(HttpContext context, int status, string code, string title, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title };
        problem.Extensions["code"] = code;
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        context.Response.StatusCode = status;
        var problemContext = new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem };
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await writer.TryWriteAsync(problemContext))
        {
            // The client's Accept header refused JSON; an error is still answered in the one error shape.
            Customize(problemContext);
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, ContentType);
        }
    }
}
