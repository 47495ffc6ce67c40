using CleanAuth.Application.Auditing.Dtos;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Paging;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.Auditing.Queries.ListSecurityEvents;

/// <summary>A page of the caller's own audit entries (those about the caller), newest first.</summary>
[RequirePermission(Permissions.Account.ReadSelf)]
public sealed record ListSecurityEventsQuery(string? Page = null, string? PageSize = null) : IQuery<PageDto<AuditLogEntryDto>>;
