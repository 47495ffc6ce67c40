using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>Keeps every log event the host writes, rendered with all its properties, for leak checks.</summary>
public sealed class CapturingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentQueue<LogEvent> _logEvents = new();

    public IReadOnlyCollection<string> Events => _events;

    /// <summary>The same events, unrendered, for assertions on their template and properties.</summary>
    public IReadOnlyCollection<LogEvent> LogEvents => _logEvents;

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

        _events.Enqueue(writer.ToString());
        _logEvents.Enqueue(logEvent);
    }

    public string AllText => string.Join('\n', _events);
}
