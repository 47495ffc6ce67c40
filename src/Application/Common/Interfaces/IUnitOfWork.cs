using CleanAuth.Domain.Common;

namespace CleanAuth.Application.Common.Interfaces;

/// <summary>Runs a command's work in one transaction, begun at its first write, and commits its changes once.</summary>
public interface IUnitOfWork
{
    /// <summary>
    /// Runs <paramref name="work"/>, saves all tracked changes, and commits. The transaction begins at the first write
    /// (a repository's write statement, else the save at the end); reads before it run outside any transaction and
    /// may be stale by then, so a read-then-write race must be decided by a lock, a conditional update or a unique
    /// index. Nothing written and nothing raised: no transaction at all. Nested calls join the outer one.
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
