using System.Text;
using System.Text.Json;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Maps every exception to a ProblemDetails answer; internals never reach the client.</summary>
public sealed partial class ProblemDetailsExceptionHandler : IExceptionHandler
{
    private readonly IOutageClassifier _outages;
    private readonly ILogger<ProblemDetailsExceptionHandler> _logger;

    public ProblemDetailsExceptionHandler(IOutageClassifier outages, ILogger<ProblemDetailsExceptionHandler> logger)
    {
        _outages = outages;
        _logger = logger;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested && exception is OperationCanceledException)
        {
            return true; // the client went away; nobody is listening for an answer
        }

        switch (exception)
        {
            case AppValidationException validation:
                await ApiProblems.WriteAsync(httpContext, StatusCodes.Status422UnprocessableEntity, ApiProblems.ValidationFailed,
                    "One or more fields are invalid.", new Dictionary<string, object?> { ["errors"] = SnakeCaseKeys(validation.Errors) });
                break;
            case UnauthenticatedException:
                await ApiProblems.WriteAsync(httpContext, StatusCodes.Status401Unauthorized, ApiProblems.InvalidToken,
                    "The access token is missing, invalid, expired or revoked.");
                break;
            case ForbiddenAccessException:
                await ApiProblems.WriteAsync(httpContext, StatusCodes.Status403Forbidden, "FORBIDDEN", "You do not have permission to do this.");
                break;
            case ConflictException conflict:
                await ApiProblems.WriteAsync(httpContext, StatusCodes.Status409Conflict, conflict.Error.Code, conflict.Error.Description);
                break;
            case ServiceUnavailableException unavailable:
                // Shedding load on purpose (password hashing at capacity), like a 429: counted where it is decided, and
                // its completion line is Information, not Error (RequestCompletionLog). One warning per refusal would
                // turn a flood of requests into a flood of log lines.
                await ApiProblems.WriteShedAsync(httpContext, unavailable.RetryAfter);
                break;
            case LoginThrottledException throttled:
                httpContext.Response.Headers[HeaderNames.RetryAfter] = ApiProblems.RetryAfterSeconds(throttled.RetryAfter);
                await ApiProblems.WriteAsync(httpContext, StatusCodes.Status429TooManyRequests, "LOGIN_THROTTLED",
                    "Too many failed logins. Try again later.");
                break;
            case BadHttpRequestException badRequest:
                await ApiProblems.WriteAsync(httpContext, badRequest.StatusCode, ApiProblems.DefaultCodeFor(badRequest.StatusCode),
                    badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request is malformed.");
                break;
            case DecoderFallbackException or { InnerException: DecoderFallbackException }:
                // The body's bytes are not valid in the charset its Content-Type declares (e.g. UTF-8 sent as utf-16).
                await ApiProblems.WriteAsync(httpContext, StatusCodes.Status400BadRequest, ApiProblems.MalformedRequest,
                    "The request body cannot be decoded in its declared charset.");
                break;
            case var _ when _outages.Classify(exception) is { } outage:
                LogDependencyUnavailable(_logger, outage.Message, exception);
                await ApiProblems.WriteUnavailableAsync(httpContext, outage.RetryAfter);
                break;
            default:
                LogUnhandled(_logger, exception);
                await ApiProblems.WriteAsync(httpContext, StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", "An unexpected error occurred.");
                break;
        }

        return true;
    }

    private static Dictionary<string, string[]> SnakeCaseKeys(IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.Key), e => e.Value, StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Outage}")]
    private static partial void LogDependencyUnavailable(ILogger logger, string outage, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
