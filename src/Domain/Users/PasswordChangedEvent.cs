using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>The owner changed the password, knowing the current one.</summary>
public sealed record PasswordChangedEvent(Guid UserId, string Email, DateTime OccurredAt) : IDomainEvent;
