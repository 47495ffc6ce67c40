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
/// One transaction per command. Before committing it dispatches the domain events of every tracked aggregate (and the
/// scope's <see cref="PendingEvents"/>) as <see cref="BeforeCommit{TEvent}"/>, repeatedly, since a handler may cause more;
/// once committed, all of them as <see cref="AfterCommit{TEvent}"/>. An exception rolls everything back and publishes
/// nothing after commit (ADR-004). A failed request's refusals commit alone, in a fresh scope (<see cref="CommitAloneAsync"/>).
/// Once committed, the cached views of the accounts it changed are dropped (ADR-017).
/// </summary>
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
        if (_db.Database.CurrentTransaction is not null)
        {
            // Nested: the outer unit of work dispatches the events and commits.
            var inner = await work();
            await SaveChangesAsync(cancellationToken);
            return inner;
        }

        // On SQLite this is BEGIN IMMEDIATE: commands serialize instead of failing to upgrade a read lock.
        await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        var committed = await DispatchBeforeCommitAsync(cancellationToken);
        await SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _userViews.Invalidate(_changedUsers);
        _changedUsers.Clear();
        await _dispatcher.PublishAfterCommitAsync(committed, cancellationToken);
        return result;
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

    private async Task<List<IDomainEvent>> DispatchBeforeCommitAsync(CancellationToken cancellationToken)
    {
        var all = new List<IDomainEvent>();
        for (var round = 0; TakeEvents() is { Count: > 0 } batch; round++)
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
