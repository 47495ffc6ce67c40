using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Infrastructure.Outbox.Handlers;

namespace CleanAuth.Infrastructure.Outbox;

/// <summary>Queues background work as outbox messages, in the caller's transaction; their handlers carry it out.</summary>
internal sealed class OutboxBackgroundWork : IBackgroundWork
{
    private readonly OutboxWriter _outbox;

    public OutboxBackgroundWork(OutboxWriter outbox) => _outbox = outbox;

    /// <summary>The same single insert, with the address encrypted, whatever the address.</summary>
    public void IssuePasswordReset(string normalizedEmail) =>
        _outbox.Enqueue(IssuePasswordResetHandler.Kind, new IssuePasswordResetArgument(normalizedEmail));
}
