using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Sessions;

/// <summary>
/// Every session of the user was ended at once (logout-all, or an administrator's force logout); each also raises
/// <see cref="SessionRevokedEvent"/>.
/// </summary>
public sealed record AllSessionsEndedEvent(Guid UserId, DateTime OccurredAt) : IDomainEvent;
