using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.Sessions;
using CleanAuth.Infrastructure.Security.Tokens;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence;

internal sealed class UnitOfWork : IUnitOfWork
{
    private readonly CleanAuthDbContext _db;
    private readonly RevokedSessionRegistry _revokedSessions;

    public UnitOfWork(CleanAuthDbContext db, RevokedSessionRegistry revokedSessions)
    {
        _db = db;
        _revokedSessions = revokedSessions;
    }

    public async Task<T> ExecuteAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (_db.Database.CurrentTransaction is not null)
        {
            var inner = await work();
            await SaveChangesAsync(cancellationToken);
            return inner;
        }

        // On SQLite this is BEGIN IMMEDIATE: commands serialize instead of failing to upgrade a read lock.
        await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        await SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        PublishCommittedEvents();
        return result;
    }

    private async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolations.Translate(ex) is { } error)
        {
            throw new ConflictException(error);
        }
    }

    /// <summary>Effects that must follow the commit: revoked sessions stop their access tokens on the next request.</summary>
    private void PublishCommittedEvents()
    {
        foreach (var entry in _db.ChangeTracker.Entries<AggregateRoot>())
        {
            foreach (var domainEvent in entry.Entity.DomainEvents)
            {
                if (domainEvent is SessionRevokedEvent revoked)
                {
                    _revokedSessions.Add(revoked.SessionId, revoked.OccurredAt);
                }
            }

            entry.Entity.ClearDomainEvents();
        }
    }
}
