using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>An administrator removed the account: its row, roles, sessions and tokens go; its audit entries stay.</summary>
public sealed record UserDeletedEvent(Guid UserId, DateTime OccurredAt) : IDomainEvent;
