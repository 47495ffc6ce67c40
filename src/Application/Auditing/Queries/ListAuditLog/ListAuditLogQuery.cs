using CleanAuth.Application.Auditing.Dtos;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Paging;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.Auditing.Queries.ListAuditLog;

/// <summary>
/// A page of the whole audit log, newest first. The parameters are the query string's text (null when absent); the
/// validator accepts or refuses each (422 keyed by parameter), the handler parses them with the same rules.
/// </summary>
[RequirePermission(Permissions.Audit.Read)]
public sealed record ListAuditLogQuery(
    string? Page = null,
    string? PageSize = null,
    string? UserId = null,
    string? ActorId = null,
    string? EventType = null,
    string? From = null,
    string? To = null) : IQuery<PageDto<AuditLogEntryDto>>;
