namespace CleanAuth.Infrastructure.Mail;

/// <summary>
/// A mail waiting to be delivered, written in the same transaction as the change that caused it. Its content may
/// hold a one-time link, so it is stored encrypted (<see cref="OutboxPayloadProtector"/>) and erased once sent.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxRecipientLength = 254;
    public const int MaxKindLength = 64;
    public const int MaxErrorLength = 500;

    public OutboxMessage(Guid id, string kind, string recipient, byte[] payload, DateTime now)
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
        Recipient = null!;
        Payload = null!;
    }

    public Guid Id { get; private set; }

    public string Kind { get; private set; }

    public string Recipient { get; private set; }

    public byte[] Payload { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTime NextAttemptAt { get; private set; }

    /// <summary>Set while one dispatcher is sending it, so several instances never send it twice at once.</summary>
    public DateTime? LeaseUntil { get; private set; }

    public DateTime? SentAt { get; private set; }

    /// <summary>Set when delivery gave up after the maximum number of attempts.</summary>
    public DateTime? DeadAt { get; private set; }

    public string? LastError { get; private set; }
}
