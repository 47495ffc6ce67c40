using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.AccountTokens;

/// <summary>A password-reset link was issued for the account.</summary>
public sealed record PasswordResetRequestedEvent(Guid UserId, DateTime OccurredAt) : IDomainEvent;
