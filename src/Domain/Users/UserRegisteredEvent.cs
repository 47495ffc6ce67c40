using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

public sealed record UserRegisteredEvent(Guid UserId, DateTime OccurredAt) : IDomainEvent;
