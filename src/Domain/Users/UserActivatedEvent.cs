using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>An inactive account (deactivated, or deleted by its owner) may log in again.</summary>
public sealed record UserActivatedEvent(Guid UserId, DateTime OccurredAt) : IDomainEvent;
