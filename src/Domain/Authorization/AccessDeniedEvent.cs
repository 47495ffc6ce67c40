using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Authorization;

/// <summary>A signed-in caller was refused a request for lack of <see cref="Permission"/> (a 403 <c>FORBIDDEN</c>).</summary>
public sealed record AccessDeniedEvent(Guid? UserId, string Permission, DateTime OccurredAt) : IDomainEvent;
