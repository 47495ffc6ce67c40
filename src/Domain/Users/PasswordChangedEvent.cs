using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

public sealed record PasswordChangedEvent(Guid UserId, DateTime OccurredAt) : IDomainEvent;
