using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>The owner asked to switch to <paramref name="NewEmail"/>; it takes effect once confirmed.</summary>
public sealed record EmailChangeRequestedEvent(Guid UserId, string OldEmail, string NewEmail, DateTime OccurredAt) : IDomainEvent;
