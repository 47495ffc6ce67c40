using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Paging;
using CleanAuth.Application.Common.Validation;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Admin.Queries.ListUsers;

/// <summary>
/// A page of users as administrators see them: the number of matches, then the page, filtered, sorted, paged and
/// projected in the database. Never-logged-in accounts come last in both directions of the last-login order: that
/// order lists the accounts that logged in (by the <c>(last_login_at, id)</c> index), then the others by id.
/// </summary>
public sealed class ListUsersQueryHandler : IRequestHandler<ListUsersQuery, PageDto<AdminUserDto>>
{
    private readonly ISpecificationQueries _queries;
    private readonly IListCounts _counts;

    public ListUsersQueryHandler(ISpecificationQueries queries, IListCounts counts)
    {
        _queries = queries;
        _counts = counts;
    }

    public async Task<PageDto<AdminUserDto>> Handle(ListUsersQuery request, CancellationToken cancellationToken)
    {
        var page = PageRequest.Parse(request.Page, request.PageSize);
        var filter = new UserListFilter(
            request.Search,
            request.Role,
            QueryParameters.Validated<bool?>(request.IsActive, QueryParameters.TryParseBoolean, "is_active"),
            QueryParameters.Validated<bool?>(request.EmailVerified, QueryParameters.TryParseBoolean, "email_verified"));
        var order = UserListSorting.Fields[request.SortBy ?? UserListSorting.DefaultField];
        var descending = (request.SortOrder ?? UserListSorting.Descending) == UserListSorting.Descending;

        var total = await TotalAsync(filter, cancellationToken);
        return order == UserListOrder.LastLoginAt
            ? await ByLastLoginAsync(filter, descending, page, total, cancellationToken)
            : await _queries.PageAsync<User, AdminUserDto>(new AdminUserListSpec(filter, order, descending, page.SkipOrMax, page.Size), page, total, cancellationToken);
    }

    /// <summary>The matches of the filter: kept counts for no filter or a single flag or role (ADR-016), else counted.</summary>
    private async Task<int> TotalAsync(UserListFilter filter, CancellationToken cancellationToken) =>
        filter.CountFrom(await _counts.GetAsync(cancellationToken)) is { } kept
            ? checked((int)kept)
            : await _queries.CountAsync(new AdminUserListSpec(filter), cancellationToken);

    private async Task<PageDto<AdminUserDto>> ByLastLoginAsync(UserListFilter filter, bool descending, PageRequest page, int total, CancellationToken cancellationToken)
    {
        if (page.Skip >= total)
        {
            return new PageDto<AdminUserDto>([], total, page.Page, page.Size);
        }

        var skip = (int)page.Skip;
        var loggedIn = filter with { HasLoggedIn = true };
        var items = await _queries.ProjectToListAsync<User, AdminUserDto>(
            new AdminUserListSpec(loggedIn, UserListOrder.LastLoginAt, descending, skip, page.Size), cancellationToken);
        if (items.Count < page.Size)
        {
            // The page runs past the accounts that logged in; the rest of it comes from those that never did.
            var loggedInTotal = items.Count > 0 ? skip + items.Count : await _queries.CountAsync(new AdminUserListSpec(loggedIn), cancellationToken);
            var never = filter with { HasLoggedIn = false };
            items.AddRange(await _queries.ProjectToListAsync<User, AdminUserDto>(
                new AdminUserListSpec(never, UserListOrder.Id, descending, skip + items.Count - loggedInTotal, page.Size - items.Count), cancellationToken));
        }

        return new PageDto<AdminUserDto>(items, total, page.Page, page.Size);
    }
}
