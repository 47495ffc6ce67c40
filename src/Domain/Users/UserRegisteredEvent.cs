using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>A new account was created; <paramref name="EmailVerified"/> when an invitation to its address proved it.</summary>
public sealed record UserRegisteredEvent(Guid UserId, string Email, bool EmailVerified, DateTime OccurredAt) : IDomainEvent;
