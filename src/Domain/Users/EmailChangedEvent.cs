using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>A pending address was confirmed and replaced the old one.</summary>
public sealed record EmailChangedEvent(Guid UserId, string OldEmail, string NewEmail, DateTime OccurredAt) : IDomainEvent;
