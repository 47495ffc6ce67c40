namespace CleanAuth.Infrastructure.Outbox;

/// <summary>
/// Carries out the outbox messages of its kinds. One class per kind of background work, registered with one line,
/// <c>services.AddOutboxHandler&lt;THandler&gt;()</c>; <see cref="OutboxDispatcher"/> resolves it in a fresh scope
/// for each claimed message, so it may take scoped services (a <c>DbContext</c>, <c>IMediator</c>).
/// Returning means done: the message is marked handled and its payload erased. Throwing means failed: it is retried
/// with backoff, and moved to the dead state after <c>Email:MaxAttempts</c>. Delivery is at least once, so a
/// handler must tolerate running again for a message it already carried out (a crash before the outcome is recorded).
/// </summary>
public interface IOutboxHandler
{
    /// <summary>The <see cref="OutboxMessage.Kind"/> values this handler carries out; no kind may have two handlers.</summary>
    static abstract IReadOnlyCollection<string> Kinds { get; }

    /// <param name="message">The claimed row (read without tracking); its argument is <see cref="OutboxMessage.Payload"/>, encrypted by <see cref="OutboxPayloadProtector"/>.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken);
}
