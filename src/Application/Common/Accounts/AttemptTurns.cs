namespace CleanAuth.Application.Common.Accounts;

/// <summary>
/// Password checks of one identifier take turns within this instance (ADR-012): the next attempt reserves its try once
/// the one before has been checked and settled, so it sees that outcome (cleared, or counted and perhaps locked) and
/// never the lock a still-running attempt reserved provisionally. A waiting attempt holds nothing: no transaction, no
/// connection, no hashing slot. Attempts on different identifiers never wait for each other. One per instance; an
/// entry lives only while an attempt on its identifier runs or waits.
/// </summary>
public sealed class AttemptTurns
{
    private readonly Dictionary<string, Line> _lines = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Waits for the identifier's turn; disposing the returned turn lets the next attempt go.</summary>
    public async Task<Turn> TakeAsync(string key, CancellationToken cancellationToken)
    {
        Line line;
        lock (_lock)
        {
            if (!_lines.TryGetValue(key, out line!))
            {
                line = new Line();
                _lines.Add(key, line);
            }

            line.Attempts++;
        }

        try
        {
            await line.Gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, line);
            throw;
        }

        return new Turn(this, key, line);
    }

    /// <summary>How many identifiers have an attempt running or waiting (for tests).</summary>
    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _lines.Count;
            }
        }
    }

    private void Leave(string key, Line line)
    {
        lock (_lock)
        {
            if (--line.Attempts == 0)
            {
                _lines.Remove(key);
                line.Gate.Dispose();
            }
        }
    }

    /// <summary>An attempt's turn at its identifier; dispose it once the attempt is settled.</summary>
    public sealed class Turn : IDisposable
    {
        private readonly AttemptTurns _owner;
        private readonly string _key;
        private Line? _line;

        internal Turn(AttemptTurns owner, string key, Line line)
        {
            _owner = owner;
            _key = key;
            _line = line;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _line, null) is { } line)
            {
                line.Gate.Release();
                _owner.Leave(_key, line);
            }
        }
    }

    internal sealed class Line
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Attempts { get; set; }
    }
}
