using CleanAuth.Application.Common.Paging;

namespace CleanAuth.Application.Common.Interfaces;

/// <summary>
/// The counts the database keeps as rows change (ADR-016): how many accounts, active and verified ones, holders of each
/// role and audit entries of each type. One small read instead of counting a large table for a list's total.
/// </summary>
public interface IListCounts
{
    Task<ListCounts> GetAsync(CancellationToken cancellationToken);
}
