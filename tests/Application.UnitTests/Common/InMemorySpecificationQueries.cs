using Ardalis.Specification;
using CleanAuth.Application.Common.Interfaces;

namespace CleanAuth.Application.UnitTests.Common;

/// <summary>
/// Runs specifications over rows in memory with Ardalis' own evaluator and the application's real AutoMapper maps, and
/// counts the queries a handler makes (each call stands for one database round trip).
/// </summary>
internal sealed class InMemorySpecificationQueries(params object[] rows) : ISpecificationQueries
{
    public List<string> Calls { get; } = [];

    public Task<List<TResult>> ListAsync<T, TResult>(ISpecification<T, TResult> specification, CancellationToken cancellationToken)
        where T : class
    {
        Calls.Add($"list {specification.GetType().Name}");
        return Task.FromResult(specification.Evaluate(Rows<T>()).ToList());
    }

    public Task<List<TResult>> ProjectToListAsync<T, TResult>(ISpecification<T> specification, CancellationToken cancellationToken)
        where T : class
    {
        Calls.Add($"list {specification.GetType().Name}");
        return Task.FromResult(TestData.Mapper.Map<List<TResult>>(specification.Evaluate(Rows<T>()).ToList()));
    }

    public Task<int> CountAsync<T>(ISpecification<T> specification, CancellationToken cancellationToken)
        where T : class
    {
        Calls.Add($"count {specification.GetType().Name}");
        return Task.FromResult(Rows<T>().Count(specification.IsSatisfiedBy));
    }

    private IEnumerable<T> Rows<T>() => rows.OfType<T>();
}
