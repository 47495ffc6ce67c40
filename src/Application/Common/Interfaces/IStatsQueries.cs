using CleanAuth.Application.Admin.Dtos;

namespace CleanAuth.Application.Common.Interfaces;

/// <summary>
/// The admin figures, counted in the database (a few aggregate queries, no rows loaded): they span three tables and
/// several counts per table, which one specification per count would turn into a scan per figure.
/// </summary>
public interface IStatsQueries
{
    /// <summary>The figures at <paramref name="now"/>; the audit counts cover entries at or after <paramref name="since"/>.</summary>
    Task<StatsDto> GetAsync(DateTime now, DateTime since, CancellationToken cancellationToken);
}
