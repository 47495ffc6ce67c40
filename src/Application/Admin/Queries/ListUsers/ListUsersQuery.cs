using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Application.Common.Messaging;
using CleanAuth.Application.Common.Paging;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.Admin.Queries.ListUsers;

/// <summary>
/// A page of the user list. The parameters are the query string's text (null when absent): the validator accepts or
/// refuses each (422 keyed by parameter), the handler parses them with the same rules.
/// </summary>
[RequirePermission(Permissions.Users.Read)]
public sealed record ListUsersQuery(
    string? Page = null,
    string? PageSize = null,
    string? Search = null,
    string? Role = null,
    string? IsActive = null,
    string? EmailVerified = null,
    string? SortBy = null,
    string? SortOrder = null) : IQuery<PageDto<AdminUserDto>>;
