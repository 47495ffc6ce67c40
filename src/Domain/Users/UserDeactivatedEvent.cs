using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>The account was deactivated (by an operator); it can no longer log in.</summary>
public sealed record UserDeactivatedEvent(Guid UserId, DateTime OccurredAt) : IDomainEvent;
