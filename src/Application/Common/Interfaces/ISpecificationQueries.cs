using Ardalis.Specification;

namespace CleanAuth.Application.Common.Interfaces;

/// <summary>Runs list queries written as specifications (filter, order, page, projection), read-only, in the database.</summary>
public interface ISpecificationQueries
{
    /// <summary>Filtered, ordered and paged by the specification, projected by its selector.</summary>
    Task<List<TResult>> ListAsync<T, TResult>(ISpecification<T, TResult> specification, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Filtered, ordered and paged by the specification, projected by the AutoMapper map from <typeparamref name="T"/>.</summary>
    Task<List<TResult>> ProjectToListAsync<T, TResult>(ISpecification<T> specification, CancellationToken cancellationToken)
        where T : class;

    /// <summary>How many rows the specification's filter selects (its order and page are ignored).</summary>
    Task<int> CountAsync<T>(ISpecification<T> specification, CancellationToken cancellationToken)
        where T : class;
}
