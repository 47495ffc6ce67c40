using System.Diagnostics;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Results;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Common.Behaviors;

/// <summary>
/// Outermost behavior: one log event per request with its type, the caller's user id, the outcome and
/// the elapsed time. It never logs the request itself, which may carry passwords or tokens.
/// </summary>
public sealed class RequestLoggingBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string s_requestName = typeof(TRequest).Name;

    private readonly ILogger<RequestLoggingBehavior<TRequest, TResponse>> _logger;
    private readonly ICurrentUser _currentUser;

    public RequestLoggingBehavior(ILogger<RequestLoggingBehavior<TRequest, TResponse>> logger, ICurrentUser currentUser)
    {
        _logger = logger;
        _currentUser = currentUser;
    }

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return await next();
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            Log(response is IResult { IsSuccess: false } failed ? failed.Error!.Code : "OK", started);
            return response;
        }
        catch (Exception ex)
        {
            // Expected failures (validation, authorization) end here too; the exception handler logs unexpected ones in full.
            Log(ex.GetType().Name, started);
            throw;
        }
    }

#pragma warning disable CA1873 // Handle calls this only when Information is enabled.
    private void Log(string outcome, long started) =>
        RequestLog.Handled(_logger, s_requestName, _currentUser.UserId, outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
#pragma warning restore CA1873
}

internal static partial class RequestLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Handled {RequestName} for {UserId}: {Outcome} in {ElapsedMs:0.0} ms")]
    public static partial void Handled(ILogger logger, string requestName, Guid? userId, string outcome, double elapsedMs);
}
