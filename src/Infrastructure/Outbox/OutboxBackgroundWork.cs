using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Infrastructure.Outbox.Handlers;

namespace CleanAuth.Infrastructure.Outbox;

/// <summary>Queues background work as outbox messages, in the caller's transaction; their handlers carry it out.</summary>
internal sealed class OutboxBackgroundWork : IBackgroundWork
{
    private readonly OutboxWriter _outbox;
    private readonly IRequestContext _request;

    public OutboxBackgroundWork(OutboxWriter outbox, IRequestContext request)
    {
        _outbox = outbox;
        _request = request;
    }

    /// <summary>
    /// The same single insert, with the address encrypted, whatever the address; the request's origin goes with it, so
    /// the link's audit entry names the request that asked for it.
    /// </summary>
    public void IssuePasswordReset(string normalizedEmail) =>
        _outbox.Enqueue(IssuePasswordResetHandler.Kind, new IssuePasswordResetArgument(normalizedEmail, RequestOrigin.Of(_request)));
}
