using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>The account's current address was proven (a verification link, or a reset link mailed to it).</summary>
public sealed record EmailVerifiedEvent(Guid UserId, string Email, DateTime OccurredAt) : IDomainEvent;
