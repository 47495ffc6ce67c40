using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>Keeps every log event the host writes, rendered with all its properties, for leak checks.</summary>
public sealed class CapturingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<string> _events = new();

    public IReadOnlyCollection<string> Events => _events;

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
    }

    public string AllText => string.Join('\n', _events);
}
