using CleanAuth.Domain.Common;
using CleanAuth.Infrastructure.Persistence;

namespace CleanAuth.Infrastructure.Outbox;

/// <summary>
/// Adds outbox messages in the current unit of work, so they commit, or not, with the change that caused them.
/// The argument is encrypted into the row's payload; nothing is carried out before the commit.
/// </summary>
internal sealed class OutboxWriter
{
    private readonly CleanAuthDbContext _db;
    private readonly OutboxPayloadProtector _protector;
    private readonly OutboxHandlers _handlers;
    private readonly TimeProvider _clock;

    public OutboxWriter(CleanAuthDbContext db, OutboxPayloadProtector protector, OutboxHandlers handlers, TimeProvider clock)
    {
        _db = db;
        _protector = protector;
        _handlers = handlers;
        _clock = clock;
    }

    /// <param name="kind">A kind some registered <see cref="IOutboxHandler"/> carries out.</param>
    /// <param name="argument">What the handler needs; serialized as JSON and encrypted.</param>
    /// <param name="recipient">A mail's addressee (kept in the clear after delivery); null for every other kind.</param>
    public void Enqueue<T>(string kind, T argument, string? recipient = null)
        where T : class
    {
        if (_handlers.Find(kind) is null)
        {
            throw new InvalidOperationException($"No outbox handler is registered for kind '{kind}'.");
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        _db.OutboxMessages.Add(new OutboxMessage(Guid7.New(now), kind, recipient, _protector.Protect(argument), now));
    }
}
