using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>Counts the transactions EF Core begins on one context, from its diagnostic events.</summary>
internal sealed class TransactionsStarted : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly DbContext _context;
    private readonly IDisposable _all;
    private readonly List<IDisposable> _listeners = [];
    private int _count;

    public TransactionsStarted(DbContext context)
    {
        _context = context;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public int Count => Volatile.Read(ref _count);

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_listeners)
            {
                _listeners.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.TransactionStarted.Name && value.Value is DbContextEventData { Context: var context } && ReferenceEquals(context, _context))
        {
            Interlocked.Increment(ref _count);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_listeners)
        {
            _listeners.ForEach(l => l.Dispose());
        }
    }
}
