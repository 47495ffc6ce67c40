using CleanAuth.Domain.Common;

namespace CleanAuth.Application.Common.Interfaces;

/// <summary>Runs a command's work in one transaction and commits its changes once.</summary>
public interface IUnitOfWork
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction, saves all tracked changes, and commits.
    /// A broken uniqueness rule surfaces as <see cref="Exceptions.ConflictException"/>.
    /// </summary>
    Task<T> ExecuteAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Commits <paramref name="events"/> alone, in a fresh scope and a transaction of their own, dispatched as a
    /// command's events are (before commit, then after). For the refusals of a request that failed with an exception:
    /// its own transaction has rolled back (or never began), and nothing else of it may commit (ADR-004).
    /// </summary>
    Task CommitAloneAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken);
}
