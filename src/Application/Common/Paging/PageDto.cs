namespace CleanAuth.Application.Common.Paging;

/// <summary>
/// One page of a list: <see cref="Page"/> counts from 1, <see cref="Pages"/> is ceil(total / page size). A page past the
/// end has no items (it is not an error).
/// </summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => PageSize <= 0 ? 0 : (int)((Total + (long)PageSize - 1) / PageSize);
}
