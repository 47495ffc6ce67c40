using System.Globalization;
using System.Text.RegularExpressions;

namespace CleanAuth.Application.Common.Validation;

/// <summary>
/// Query-string values arrive as text (the API binds them as strings, so a value that does not parse is never ASP.NET's
/// 400) and are parsed here, once: a query's validator accepts exactly what these methods parse, which makes any other
/// value a 422 VALIDATION_FAILED keyed by its parameter, and its handler reads the parsed values through the same methods.
/// An absent parameter (null) is always accepted; what it means is the caller's default.
/// </summary>
public static partial class QueryParameters
{
    /// <summary>A whole number written with digits only (no sign, space or separator), within <see cref="int"/>.</summary>
    public static bool TryParseInt(string? text, out int value)
    {
        value = 0;
        return text is not null && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Exactly <c>true</c> or <c>false</c>; null when absent.</summary>
    public static bool TryParseBoolean(string? text, out bool? value)
    {
        value = text switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => null,
        };
        return text is null or "true" or "false";
    }

    /// <summary>A GUID in any of its usual forms; null when absent.</summary>
    public static bool TryParseGuid(string? text, out Guid? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (!Guid.TryParse(text, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>
    /// An ISO 8601 date-time that says which instant it is: <c>2026-12-01T09:30:00Z</c> or with an offset
    /// (<c>2026-12-01T10:30:00+01:00</c>); seconds and up to seven fraction digits optional. A date alone, or a
    /// date-time without <c>Z</c> or an offset, is refused: it names no instant. The value is returned in UTC; null when absent.
    /// </summary>
    public static bool TryParseInstant(string? text, out DateTime? utc)
    {
        utc = null;
        if (text is null)
        {
            return true;
        }

        if (!InstantPattern().IsMatch(text)
            || !DateTimeOffset.TryParse(text.ToUpperInvariant(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return false;
        }

        utc = instant.UtcDateTime;
        return true;
    }

    /// <summary>The parsed value of a parameter its validator has accepted.</summary>
    /// <exception cref="InvalidOperationException">The value was not validated first (a programming error).</exception>
    public static T Validated<T>(string? text, TryParser<T> parse, string parameter) =>
        parse(text, out var value) ? value : throw new InvalidOperationException($"The {parameter} parameter was not validated before use.");

    public delegate bool TryParser<T>(string? text, out T value);

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?([Zz]|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex InstantPattern();
}
