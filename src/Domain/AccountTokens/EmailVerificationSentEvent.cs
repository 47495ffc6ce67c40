using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.AccountTokens;

/// <summary>A verification link was issued for <paramref name="Email"/> (the account's address or the one it is changing to).</summary>
public sealed record EmailVerificationSentEvent(Guid UserId, string Email, DateTime OccurredAt) : IDomainEvent;
