using Ardalis.Specification;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Paging;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.UnitTests.Common;

/// <summary>
/// Runs specifications over rows in memory with Ardalis' own evaluator and the application's real AutoMapper maps, and
/// counts the queries a handler makes (each call stands for one database round trip). It also stands for the kept counts
/// (<see cref="IListCounts"/>), counted from the same rows as the database's triggers would keep them.
/// </summary>
internal sealed class InMemorySpecificationQueries(params object[] rows) : ISpecificationQueries, IListCounts
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

    public Task<ListCounts> GetAsync(CancellationToken cancellationToken)
    {
        Calls.Add("kept counts");
        var users = Rows<User>().ToList();
        return Task.FromResult(new ListCounts(
            users.Count,
            users.Count(u => u.IsActive),
            users.Count(u => u.EmailVerified),
            users.SelectMany(u => u.Roles).GroupBy(r => r.Role).ToDictionary(g => g.Key, g => (long)g.Count()),
            Rows<AuditLogEntry>().GroupBy(e => e.EventType).ToDictionary(g => g.Key, g => (long)g.Count())));
    }

    private IEnumerable<T> Rows<T>() => rows.OfType<T>();
}
