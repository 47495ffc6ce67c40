using Ardalis.Specification;
using AutoMapper;
using AutoMapper.QueryableExtensions;
using CleanAuth.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>
/// Runs a specification against the database: filter, order and page translate to SQL through the package's
/// evaluators (its EF Core package is not available here), then the projection (the specification's selector, or
/// AutoMapper's <c>ProjectTo</c>, which selects only the DTO's columns); always read-only.
/// </summary>
internal sealed class SpecificationQueries : ISpecificationQueries
{
    private readonly CleanAuthDbContext _db;
    private readonly IConfigurationProvider _mappings;

    public SpecificationQueries(CleanAuthDbContext db, IMapper mapper)
    {
        _db = db;
        _mappings = mapper.ConfigurationProvider;
    }

    public Task<List<TResult>> ListAsync<T, TResult>(ISpecification<T, TResult> specification, CancellationToken cancellationToken)
        where T : class
    {
        var selector = specification.Selector ?? throw new InvalidOperationException($"{specification.GetType().Name} has no projection.");
        return Evaluate(specification).Select(selector).ToListAsync(cancellationToken);
    }

    public Task<List<TResult>> ProjectToListAsync<T, TResult>(ISpecification<T> specification, CancellationToken cancellationToken)
        where T : class =>
        Evaluate(specification).ProjectTo<TResult>(_mappings).ToListAsync(cancellationToken);

    public Task<int> CountAsync<T>(ISpecification<T> specification, CancellationToken cancellationToken)
        where T : class =>
        WhereEvaluator.Instance.GetQuery(_db.Set<T>().AsNoTracking(), specification).CountAsync(cancellationToken);

    private IQueryable<T> Evaluate<T>(ISpecification<T> specification)
        where T : class
    {
        var query = _db.Set<T>().AsNoTracking();
        query = WhereEvaluator.Instance.GetQuery(query, specification);
        query = OrderEvaluator.Instance.GetQuery(query, specification);
        return PaginationEvaluator.Instance.GetQuery(query, specification);
    }
}
