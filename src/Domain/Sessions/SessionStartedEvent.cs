using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Sessions;

/// <summary>A login succeeded and started this session.</summary>
public sealed record SessionStartedEvent(Guid SessionId, Guid UserId, DateTime OccurredAt) : IDomainEvent;
