using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>The account's set of roles was replaced. Both lists are sorted.</summary>
public sealed record RolesChangedEvent(Guid UserId, IReadOnlyList<string> OldRoles, IReadOnlyList<string> NewRoles, DateTime OccurredAt) : IDomainEvent;
