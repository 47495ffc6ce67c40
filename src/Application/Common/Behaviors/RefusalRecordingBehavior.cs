using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Interfaces;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Common.Behaviors;

/// <summary>
/// The committing path of refusals (ADR-004): when a request ends in an exception, the refusals raised on its way
/// (<see cref="PendingEvents.RaiseRefusal"/>: a throttled login, a missing permission) are committed alone, in a
/// transaction of their own, after the request's own has rolled back; nothing else of the request commits. It sits
/// outside authorization, so a refusal by the authorization behavior is recorded too. A request that succeeds, or
/// fails with no refusal, costs one try block here.
/// </summary>
public sealed partial class RefusalRecordingBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private readonly PendingEvents _events;
    private readonly IUnitOfWork _unitOfWork;
    private readonly ILogger<RefusalRecordingBehavior<TRequest, TResponse>> _logger;

    public RefusalRecordingBehavior(PendingEvents events, IUnitOfWork unitOfWork, ILogger<RefusalRecordingBehavior<TRequest, TResponse>> logger)
    {
        _events = events;
        _unitOfWork = unitOfWork;
        _logger = logger;
    }

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        catch (Exception) when (_events.HasRefusals)
        {
            await RecordRefusalsAsync();
            throw;
        }
    }

    private async Task RecordRefusalsAsync()
    {
        var refusals = _events.TakeRefusals();
        try
        {
            // Not the request's token: a client that hangs up on its refusal must not keep it off the record.
            await _unitOfWork.CommitAloneAsync(refusals, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The request's own failure is the answer; a refusal that could not be recorded is logged.
            LogNotRecorded(_logger, ex, string.Join(", ", refusals.Select(r => r.GetType().Name)));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record the refusals {EventTypes} of a failed request")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string eventTypes);
}
