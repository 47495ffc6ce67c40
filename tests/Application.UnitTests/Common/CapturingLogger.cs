using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.UnitTests.Common;

internal sealed record CapturedLogEntry(
    LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, Exception? Exception);

/// <summary>Keeps every log event, with its structured state, so a test can read what would have been written.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public List<CapturedLogEntry> Entries { get; } = [];

    public List<object> Scopes { get; } = [];

    public LogLevel MinimumLevel { get; init; } = LogLevel.Trace;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        Scopes.Add(state);
        return null;
    }

    public bool IsEnabled(LogLevel logLevel) => logLevel >= MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = state as IEnumerable<KeyValuePair<string, object?>>;
        Entries.Add(new CapturedLogEntry(logLevel, formatter(state, exception), properties?.ToList() ?? [], exception));
    }
}
