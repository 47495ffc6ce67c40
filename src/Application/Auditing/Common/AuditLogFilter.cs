namespace CleanAuth.Application.Auditing.Common;

/// <summary>Which audit entries to list; a null field does not filter. <see cref="From"/> is inclusive, <see cref="To"/> exclusive (UTC).</summary>
public sealed record AuditLogFilter(
    Guid? UserId = null, Guid? ActorId = null, string? EventType = null, DateTime? From = null, DateTime? To = null);
