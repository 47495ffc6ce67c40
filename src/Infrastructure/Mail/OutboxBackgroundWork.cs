using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Common;
using CleanAuth.Infrastructure.Persistence;

namespace CleanAuth.Infrastructure.Mail;

/// <summary>Queues background work as outbox rows, in the caller's transaction; <see cref="OutboxDispatcher"/> runs it.</summary>
internal sealed class OutboxBackgroundWork : IBackgroundWork
{
    private readonly CleanAuthDbContext _db;
    private readonly TimeProvider _clock;

    public OutboxBackgroundWork(CleanAuthDbContext db, TimeProvider clock)
    {
        _db = db;
        _clock = clock;
    }

    public void IssuePasswordReset(string normalizedEmail)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        _db.OutboxMessages.Add(new OutboxMessage(Guid7.New(now), OutboxKinds.IssuePasswordReset, normalizedEmail, [], now));
    }
}
