using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Auditing;

/// <summary>
/// One recorded security action: what happened (<see cref="EventType"/>), to whom (<see cref="UserId"/>) and by whom
/// (<see cref="ActorId"/>). Written in the transaction of the change it records and never changed afterwards (the table
/// refuses updates and deletes). It keeps no link to the user row, so it outlives the account.
/// Never holds a password, hash, token, token hash or key: <see cref="Details"/> is a JSON object of plain facts.
/// </summary>
public sealed class AuditLogEntry : Entity
{
    public const int EventTypeMaxLength = 64;
    public const int IpAddressMaxLength = 64;
    public const int UserAgentMaxLength = 512;
    public const int TraceIdMaxLength = 64;

    private AuditLogEntry(Guid id, DateTime occurredAt, string eventType, Guid? userId, Guid? actorId, string? ipAddress, string? userAgent, string? traceId, string details)
        : base(id)
    {
        OccurredAt = occurredAt;
        EventType = eventType;
        UserId = userId;
        ActorId = actorId;
        IpAddress = ipAddress;
        UserAgent = userAgent;
        TraceId = traceId;
        Details = details;
    }

    // EF Core only.
    private AuditLogEntry()
        : base(Guid.Empty)
    {
        EventType = null!;
        Details = null!;
    }

    public DateTime OccurredAt { get; private set; }

    public string EventType { get; private set; }

    /// <summary>Whom the entry is about; null when no account is involved.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>Who acted; null for the server itself (start-up, command line) and unauthenticated failures.</summary>
    public Guid? ActorId { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    /// <summary>The W3C trace id of the request that made the change (as in its log line and problem).</summary>
    public string? TraceId { get; private set; }

    /// <summary>A JSON object; <c>{}</c> when there is nothing more to say.</summary>
    public string Details { get; private set; }

    public static AuditLogEntry Record(
        string eventType, DateTime occurredAt, Guid? userId, Guid? actorId, string? ipAddress, string? userAgent, string? traceId, string details = "{}")
    {
        if (!AuditEventType.IsKnown(eventType))
        {
            throw new DomainException($"'{eventType}' is not an audit event type.");
        }

        UtcGuard.Ensure(occurredAt, nameof(occurredAt));
        ArgumentException.ThrowIfNullOrWhiteSpace(details);
        return new AuditLogEntry(
            Guid7.New(occurredAt), occurredAt, eventType, userId, actorId, Truncate(ipAddress, IpAddressMaxLength), Truncate(userAgent, UserAgentMaxLength), Truncate(traceId, TraceIdMaxLength), details);
    }

    private static string? Truncate(string? value, int maxLength) =>
        value is null || value.Length <= maxLength ? value : value[..maxLength];
}
