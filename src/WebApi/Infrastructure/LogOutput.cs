using System.Globalization;
using CleanAuth.Application.Common.Options;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Formatting;
using Serilog.Templates;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>What standard output carries: <c>Json</c> for machines (log shippers), <c>Text</c> for people.</summary>
public enum LogFormat
{
    Json,
    Text,
}

/// <summary>
/// Section <c>Logging</c>, key <c>Format</c> (the section's other keys are Microsoft.Extensions.Logging's; levels are
/// set under <c>Serilog:MinimumLevel</c>).
/// </summary>
public sealed class LogOutputOptions
{
    public const string SectionName = "Logging";

    /// <summary><c>Json</c> or <c>Text</c>; unset: <c>Text</c> in Development, <c>Json</c> elsewhere.</summary>
    public string? Format { get; set; }
}

internal sealed class LogOutputOptionsValidator : IValidateOptions<LogOutputOptions>
{
    public ValidateOptionsResult Validate(string? name, LogOutputOptions options) =>
        LogOutput.TryParse(options.Format, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Logging:Format must be Json or Text (unset: Text in Development, Json elsewhere).");
}

/// <summary>
/// The console sink in the chosen <see cref="LogFormat"/>. <c>Json</c> is one object per line, written by Serilog's own
/// JSON value formatter (so CR, LF and quotes in any value are escaped and cannot forge a line): <c>timestamp</c> (UTC,
/// ISO 8601), <c>level</c>, <c>message</c> (rendered), <c>exception</c> when there is one, <c>trace_id</c> (the W3C trace
/// id a problem body carries) while a request or other traced work runs, then every property of the event, among them
/// <c>user_id</c> once a request is authenticated (<see cref="UserIdLogEnricher"/>) and <c>request_id</c>.
/// </summary>
public static class LogOutput
{
    /// <summary>The Text format: the request's trace id ends the request completion line.</summary>
    public const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {TraceId}{NewLine}{Exception}";

    // TraceId (the completion line's own copy of the trace id) is left out: trace_id carries the same value.
    private const string JsonTemplate =
        "{ {timestamp: UtcDateTime(@t), level: @l, message: @m, exception: @x, trace_id: @tr, ..@p, TraceId: undefined()} }\n";

    /// <summary>A formatter of the Json format (one per writer: tests format captured events with it too).</summary>
    public static ITextFormatter CreateJsonFormatter() => new ExpressionTemplate(JsonTemplate, CultureInfo.InvariantCulture);

    /// <summary>True for <c>Json</c>, <c>Text</c> (any case) and unset (<paramref name="format"/> null: the environment decides).</summary>
    public static bool TryParse(string? value, out LogFormat? format)
    {
        format = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        foreach (var known in Enum.GetValues<LogFormat>())
        {
            if (string.Equals(value.Trim(), known.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                format = known;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The format configured, or the environment's default. Read from the configuration directly: the logger is built
    /// before the settings are validated, and an invalid value is refused (exit 2) right after.
    /// </summary>
    public static LogFormat FormatFor(IConfiguration configuration, IHostEnvironment environment) =>
        TryParse(configuration[$"{LogOutputOptions.SectionName}:{nameof(LogOutputOptions.Format)}"], out var format) && format is { } chosen
            ? chosen
            : environment.IsDevelopment() ? LogFormat.Text : LogFormat.Json;

    /// <summary>Standard output, in the format <see cref="FormatFor"/> chooses.</summary>
    public static LoggerConfiguration CleanAuthConsole(this LoggerSinkConfiguration writeTo, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(writeTo);
        return FormatFor(configuration, environment) == LogFormat.Json
            ? writeTo.Console(CreateJsonFormatter())
            : writeTo.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture);
    }

    /// <summary>The <c>Logging:Format</c> setting and the request enrichment of every event (<c>user_id</c>).</summary>
    public static IServiceCollection AddLogOutput(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LogOutputOptions, LogOutputOptionsValidator>(configuration, LogOutputOptions.SectionName);
        services.AddHttpContextAccessor();
        services.AddSingleton<ILogEventEnricher, UserIdLogEnricher>(); // picked up by ReadFrom.Services
        return services;
    }
}
