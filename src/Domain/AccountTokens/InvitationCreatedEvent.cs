using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.AccountTokens;

/// <summary>An invitation was created, pinned to <paramref name="Email"/> or to nobody.</summary>
public sealed record InvitationCreatedEvent(Guid InvitationId, string? Email, IReadOnlyList<string> Roles, DateTime OccurredAt) : IDomainEvent;
