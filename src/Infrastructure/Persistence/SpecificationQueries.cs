using Ardalis.Specification;
using CleanAuth.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>
/// Runs a specification against the database: filter, order and page translate to SQL through the package's
/// evaluators (its EF Core package is not available here), then the projection; always read-only.
/// </summary>
internal sealed class SpecificationQueries : ISpecificationQueries
{
    private readonly CleanAuthDbContext _db;

    public SpecificationQueries(CleanAuthDbContext db) => _db = db;

    public Task<List<TResult>> ListAsync<T, TResult>(ISpecification<T, TResult> specification, CancellationToken cancellationToken)
        where T : class
    {
        var query = _db.Set<T>().AsNoTracking();
        query = WhereEvaluator.Instance.GetQuery(query, specification);
        query = OrderEvaluator.Instance.GetQuery(query, specification);
        query = PaginationEvaluator.Instance.GetQuery(query, specification);
        var selector = specification.Selector ?? throw new InvalidOperationException($"{specification.GetType().Name} has no projection.");
        return query.Select(selector).ToListAsync(cancellationToken);
    }
}
