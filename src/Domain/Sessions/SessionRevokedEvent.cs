using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Sessions;

public sealed record SessionRevokedEvent(Guid SessionId, Guid UserId, SessionRevocationReason Reason, DateTime OccurredAt) : IDomainEvent;
