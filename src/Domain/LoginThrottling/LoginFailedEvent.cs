using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.LoginThrottling;

/// <summary>A login was refused (401 or 403; <paramref name="Code"/> says why); <paramref name="UserId"/> is null when the identifier names no account.</summary>
public sealed record LoginFailedEvent(Guid? UserId, string Code, DateTime OccurredAt) : IDomainEvent;
