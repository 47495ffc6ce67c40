using Ardalis.Specification;
using CleanAuth.Application.Common.Interfaces;

namespace CleanAuth.Application.Common.Paging;

public static class SpecificationPaging
{
    /// <summary>
    /// One page of what <paramref name="specification"/> selects: the count of every match, then (unless the page lies past
    /// the end) the page itself, projected to <typeparamref name="TResult"/>. The specification orders the list and takes
    /// the page's window (<see cref="PageRequest.SkipOrMax"/>, <see cref="PageRequest.Size"/>).
    /// </summary>
    public static async Task<PageDto<TResult>> PageAsync<T, TResult>(
        this ISpecificationQueries queries, ISpecification<T> specification, PageRequest page, CancellationToken cancellationToken)
        where T : class =>
        await queries.PageAsync<T, TResult>(specification, page, await queries.CountAsync(specification, cancellationToken), cancellationToken);

    /// <summary>
    /// One page of what <paramref name="specification"/> selects, whose matches are already known to number
    /// <paramref name="total"/> (from the kept counts, <see cref="ListCounts"/>).
    /// </summary>
    public static async Task<PageDto<TResult>> PageAsync<T, TResult>(
        this ISpecificationQueries queries, ISpecification<T> specification, PageRequest page, long total, CancellationToken cancellationToken)
        where T : class
    {
        var count = checked((int)total);
        IReadOnlyList<TResult> items = page.Skip >= count ? [] : await queries.ProjectToListAsync<T, TResult>(specification, cancellationToken);
        return new PageDto<TResult>(items, count, page.Page, page.Size);
    }
}
