using System.Collections.Concurrent;
using CleanAuth.WebApi.Infrastructure;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// Keeps every log event the host writes, rendered with all its properties, and as the JSON line the app's
/// <c>Json</c> log format writes for it (the same formatter the console sink uses), for leak and format checks.
/// </summary>
public sealed class CapturingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentQueue<LogEvent> _logEvents = new();
    private readonly ConcurrentQueue<string> _jsonLines = new();
    private readonly ITextFormatter _json = LogOutput.CreateJsonFormatter();
    private readonly Lock _jsonGate = new();

    public IReadOnlyCollection<string> Events => _events;

    /// <summary>The same events, unrendered, for assertions on their template and properties.</summary>
    public IReadOnlyCollection<LogEvent> LogEvents => _logEvents;

    /// <summary>The same events in the <c>Json</c> log format, each exactly as written to standard output (newline included).</summary>
    public IReadOnlyCollection<string> JsonLines => _jsonLines;

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        logEvent.RenderMessage(writer, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in logEvent.Properties)
        {
            writer.Write($" {name}={value}");
        }

        if (logEvent.Exception is not null)
        {
            writer.Write(' ');
            writer.Write(logEvent.Exception.ToString());
        }

        using var json = new StringWriter();
        lock (_jsonGate)
        {
            _json.Format(logEvent, json);
        }

        _events.Enqueue(writer.ToString());
        _logEvents.Enqueue(logEvent);
        _jsonLines.Enqueue(json.ToString());
    }

    public string AllText => string.Join('\n', _events);
}
