using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>The password was set from a reset link.</summary>
public sealed record PasswordResetEvent(Guid UserId, string Email, DateTime OccurredAt) : IDomainEvent;
