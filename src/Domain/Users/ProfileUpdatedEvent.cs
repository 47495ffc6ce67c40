using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>Profile fields changed; <paramref name="Fields"/> names them (snake_case, as in the API).</summary>
public sealed record ProfileUpdatedEvent(Guid UserId, IReadOnlyList<string> Fields, DateTime OccurredAt) : IDomainEvent;
