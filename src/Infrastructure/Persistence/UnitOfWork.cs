using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>
/// One transaction per command, begun at its first write (<see cref="WriteTransactions"/>): reads before it run outside
/// any transaction, the connection back in the pool between them, so nothing is held while a password hash runs. A
/// repository's write statement begins it; otherwise it begins at the end, before the domain events of every tracked
/// aggregate (and the scope's <see cref="PendingEvents"/>) are dispatched as <see cref="BeforeCommit{TEvent}"/>,
/// repeatedly, since a handler may cause more; once committed, all of them as <see cref="AfterCommit{TEvent}"/>. A command
/// that changed nothing and raised nothing opens no transaction at all. An exception rolls everything back and
/// publishes nothing after commit (ADR-004). A failed request's refusals commit alone, in a fresh scope
/// (<see cref="CommitAloneAsync"/>). Once committed, the cached views of the accounts it changed are dropped (ADR-017).
/// </summary>
/// <remarks>
/// Reads before the first write may be stale by the time the transaction begins, on SQLite as on PostgreSQL's READ
/// COMMITTED: every read-then-write race is decided by a lock, a conditional <c>UPDATE</c> or a unique index, all of which
/// run inside the transaction (ADR-004).
/// </remarks>
internal sealed class UnitOfWork : IUnitOfWork
{
    // Handlers causing events causing handlers: a loop this deep is a bug, not a workload.
    private const int MaxDispatchRounds = 8;

    private readonly CleanAuthDbContext _db;
    private readonly PendingEvents _pending;
    private readonly DomainEventDispatcher _dispatcher;
    private readonly IServiceScopeFactory _scopes;
    private readonly UserViewCache _userViews;
    private readonly List<Guid> _changedUsers = [];

    public UnitOfWork(CleanAuthDbContext db, PendingEvents pending, DomainEventDispatcher dispatcher, IServiceScopeFactory scopes, UserViewCache userViews)
    {
        _db = db;
        _pending = pending;
        _dispatcher = dispatcher;
        _scopes = scopes;
        _userViews = userViews;
    }

    public async Task<T> ExecuteAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (_db.UnitOfWorkRunning || _db.Database.CurrentTransaction is not null)
        {
            // Nested (or inside a transaction someone else owns): the outer one dispatches the events and commits.
            var inner = await work();
            if (_db.ChangeTracker.HasChanges())
            {
                await _db.BeginWritingAsync(cancellationToken);
                await SaveChangesAsync(cancellationToken);
            }

            return inner;
        }

        _db.UnitOfWorkRunning = true;
        try
        {
            var result = await work();
            var events = TakeEvents();
            if (events.Count == 0 && _db.Database.CurrentTransaction is null && !_db.ChangeTracker.HasChanges())
            {
                return result; // nothing written, nothing raised: nothing to commit
            }

            await _db.BeginWritingAsync(cancellationToken);
            var committed = await DispatchBeforeCommitAsync(events, cancellationToken);
            await SaveChangesAsync(cancellationToken);
            var transaction = _db.Database.CurrentTransaction!;
            await transaction.CommitAsync(cancellationToken);
            await transaction.DisposeAsync();
            _db.UnitOfWorkRunning = false; // after-commit handlers write, if at all, on their own
            _userViews.Invalidate(_changedUsers);
            _changedUsers.Clear();
            await _dispatcher.PublishAfterCommitAsync(committed, cancellationToken);
            return result;
        }
        finally
        {
            _db.UnitOfWorkRunning = false;
            _changedUsers.Clear();
            if (_db.Database.CurrentTransaction is { } uncommitted)
            {
                // An exception before the commit: disposing rolls back and hands the connection back to the pool.
                await uncommitted.DisposeAsync();
            }
        }
    }

    public async Task CommitAloneAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        // A fresh scope: a fresh DbContext, so nothing the failed request tracked can be saved with them. The HTTP request
        // (its caller, address and trace id) is ambient, so the fresh scope sees the same; the refusals name their user.
        await using var scope = _scopes.CreateAsyncScope();
        var pending = scope.ServiceProvider.GetRequiredService<PendingEvents>();
        foreach (var domainEvent in events)
        {
            pending.Raise(domainEvent);
        }

        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().ExecuteAsync(static () => Task.FromResult(true), cancellationToken);
    }

    private async Task<List<IDomainEvent>> DispatchBeforeCommitAsync(List<IDomainEvent> first, CancellationToken cancellationToken)
    {
        var all = new List<IDomainEvent>();
        var batch = first;
        for (var round = 0; batch.Count > 0; round++, batch = TakeEvents())
        {
            if (round == MaxDispatchRounds)
            {
                throw new InvalidOperationException($"Domain events kept raising new events after {MaxDispatchRounds} rounds.");
            }

            foreach (var domainEvent in batch)
            {
                await _dispatcher.PublishBeforeCommitAsync(domainEvent, cancellationToken);
            }

            all.AddRange(batch);
        }

        return all;
    }

    private List<IDomainEvent> TakeEvents()
    {
        var events = new List<IDomainEvent>(_pending.TakeAll());
        foreach (var entry in _db.ChangeTracker.Entries<AggregateRoot>())
        {
            if (entry.Entity.DomainEvents.Count > 0)
            {
                events.AddRange(entry.Entity.DomainEvents);
                entry.Entity.ClearDomainEvents();
            }
        }

        return events;
    }

    /// <summary>Notes the accounts the pending changes add, change or remove, their roles included (an owned collection).</summary>
    private void NoteChangedUsers()
    {
        foreach (var entry in _db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                if (entry.Entity is User user)
                {
                    _changedUsers.Add(user.Id);
                }
                else if (entry.Entity is UserRole)
                {
                    _changedUsers.Add((Guid)entry.Property("UserId").OriginalValue!);
                }
            }
        }
    }

    private async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        NoteChangedUsers();
        try
        {
            await _db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolations.Translate(ex) is { } error)
        {
            throw new ConflictException(error);
        }
    }
}
