using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>Counts the commands EF Core sends to one database (any DbContext, any scope), from its diagnostic events.</summary>
internal sealed class CommandsSent : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly string _dataSource;
    private readonly IDisposable _all;
    private readonly List<IDisposable> _listeners = [];
    private int _count;

    /// <param name="database">A connection to the database to watch (not opened): its database and data source identify it.</param>
    public CommandsSent(DbConnection database)
    {
        _database = database.Database;
        _dataSource = database.DataSource;
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
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData { Command.Connection: { } connection }
            && connection.Database == _database && connection.DataSource == _dataSource)
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
