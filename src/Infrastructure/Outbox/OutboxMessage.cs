namespace CleanAuth.Infrastructure.Outbox;

/// <summary>
/// One piece of background work of some <see cref="Kind"/> (a mail to deliver, a lookup to run), written in the same
/// transaction as the change that caused it and carried out at least once by <see cref="OutboxDispatcher"/> through
/// the <see cref="IOutboxHandler"/> registered for its kind. Its argument is in <see cref="Payload"/>, encrypted
/// (<see cref="OutboxPayloadProtector"/>), and erased once the message is handled or dead.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxRecipientLength = 254;
    public const int MaxKindLength = 64;
    public const int MaxErrorLength = 500;

    public OutboxMessage(Guid id, string kind, string? recipient, byte[] payload, DateTime now)
    {
        Id = id;
        Kind = kind;
        Recipient = recipient;
        Payload = payload;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    // EF Core only.
    private OutboxMessage()
    {
        Kind = null!;
        Payload = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>Names the handler that carries the message out (<see cref="IOutboxHandler.Kinds"/>).</summary>
    public string Kind { get; private set; }

    /// <summary>
    /// A mail's addressee, kept after delivery so an operator can tell whether a mail went out (until the purge);
    /// null for every other kind, whose argument is only in the encrypted <see cref="Payload"/>.
    /// </summary>
    public string? Recipient { get; private set; }

    /// <summary>The encrypted argument of the kind's handler; empty once the message is handled or dead.</summary>
    public byte[] Payload { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTime NextAttemptAt { get; private set; }

    /// <summary>Set while one dispatcher is handling it, so several instances never handle it twice at once.</summary>
    public DateTime? LeaseUntil { get; private set; }

    /// <summary>Set when the handler succeeded (for a mail: when the mail server accepted it).</summary>
    public DateTime? SentAt { get; private set; }

    /// <summary>Set when handling gave up after the maximum number of attempts.</summary>
    public DateTime? DeadAt { get; private set; }

    public string? LastError { get; private set; }
}
