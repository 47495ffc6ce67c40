using Ardalis.Specification;

namespace CleanAuth.Application.Common.Interfaces;

/// <summary>Runs list queries written as specifications (filter, order, page, projection), read-only.</summary>
public interface ISpecificationQueries
{
    Task<List<TResult>> ListAsync<T, TResult>(ISpecification<T, TResult> specification, CancellationToken cancellationToken)
        where T : class;
}
