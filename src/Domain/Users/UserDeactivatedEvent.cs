using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

public sealed record UserDeactivatedEvent(Guid UserId, DateTime OccurredAt) : IDomainEvent;
