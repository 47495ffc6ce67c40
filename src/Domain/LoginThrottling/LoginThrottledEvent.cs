using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.LoginThrottling;

/// <summary>A login (or a current-password check) was refused unchecked because its identifier is locked out.</summary>
public sealed record LoginThrottledEvent(Guid? UserId, DateTime OccurredAt) : IDomainEvent;
