namespace CleanAuth.Application.Common.Interfaces;

/// <summary>Runs a command's work in one transaction and commits its changes once.</summary>
public interface IUnitOfWork
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction, saves all tracked changes, and commits.
    /// A broken uniqueness rule surfaces as <see cref="Exceptions.ConflictException"/>.
    /// </summary>
    Task<T> ExecuteAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken);
}
