using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.Sessions.Queries.ListSessions;

[RequirePermission(Permissions.Account.ReadSelf)]
public sealed record ListSessionsQuery : IQuery<IReadOnlyList<SessionDto>>;
