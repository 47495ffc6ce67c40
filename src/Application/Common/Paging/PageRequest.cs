using CleanAuth.Application.Common.Validation;

namespace CleanAuth.Application.Common.Paging;

/// <summary>
/// Which page of a list to return: <see cref="Page"/> counts from 1, <see cref="Size"/> is 1 to <see cref="MaxSize"/>.
/// Parsed from the <c>page</c> and <c>page_size</c> query parameters (defaults 1 and 20); any page is valid, and one past
/// the end has no items.
/// </summary>
public readonly record struct PageRequest(int Page, int Size)
{
    public const int DefaultPage = 1;
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    /// <summary>How many items come before this page (beyond <see cref="int.MaxValue"/> for absurd pages, hence a long).</summary>
    public long Skip => (long)(Page - 1) * Size;

    /// <summary><see cref="Skip"/> for a query's OFFSET: a page that far is past the end of any list, which counts in ints.</summary>
    public int SkipOrMax => (int)Math.Min(Skip, int.MaxValue);

    public static bool TryParsePage(string? text, out int page)
    {
        if (text is null)
        {
            page = DefaultPage;
            return true;
        }

        return QueryParameters.TryParseInt(text, out page) && page >= 1;
    }

    public static bool TryParseSize(string? text, out int size)
    {
        if (text is null)
        {
            size = DefaultSize;
            return true;
        }

        return QueryParameters.TryParseInt(text, out size) && size is >= 1 and <= MaxSize;
    }

    /// <summary>The page the validated <c>page</c> and <c>page_size</c> parameters ask for.</summary>
    public static PageRequest Parse(string? page, string? pageSize) =>
        new(QueryParameters.Validated<int>(page, TryParsePage, "page"), QueryParameters.Validated<int>(pageSize, TryParseSize, "page_size"));
}
