using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>The owner deleted the account (it is deactivated; its data stays for the audit trail).</summary>
public sealed record AccountDeletedEvent(Guid UserId, DateTime OccurredAt) : IDomainEvent;
