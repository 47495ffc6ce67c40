using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// Keeps query strings out of every log event: a query may carry a token (<c>?access_token=…</c>, a pasted reset
/// link). Blanks the <c>QueryString</c> property ASP.NET Core's hosting events log, and cuts the query off any other
/// property whose whole value is a URL (absolute, or a path starting with '/'). The rendered message is built from the
/// properties, so it loses the query too.
/// </summary>
public sealed partial class QueryStringRedactor : ILogEventEnricher
{
    public const string QueryStringProperty = "QueryString";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? redacted = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (name == QueryStringProperty)
            {
                if (value is not ScalarValue { Value: null or "" })
                {
                    (redacted ??= []).Add(new LogEventProperty(name, new ScalarValue("")));
                }
            }
            else if (value is ScalarValue { Value: string { Length: > 0 } text } && WithoutQuery(text) is var cut && !ReferenceEquals(cut, text))
            {
                (redacted ??= []).Add(new LogEventProperty(name, new ScalarValue(cut)));
            }
        }

        foreach (var property in redacted ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>The URL without its query (and fragment), or the same instance when the value is not a URL with one.</summary>
    public static string WithoutQuery(string value)
    {
        var match = UrlWithQuery().Match(value);
        return match.Success ? match.Groups["base"].Value : value;
    }

    [GeneratedRegex(@"^(?<base>(?:[A-Za-z][A-Za-z0-9+.\-]*://[^\s?#]*|/[^\s?#]*))[?#]\S*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex UrlWithQuery();
}
