namespace CleanAuth.WebApi.Infrastructure;

/// <summary>List settings are arrays (<c>Section__Key__0=…</c>); a plain value in their place would bind to nothing.</summary>
internal static class SettingLists
{
    /// <summary>A refusal naming <paramref name="setting"/> when it holds a single non-empty value instead of a list; else null.</summary>
    public static string? ScalarInsteadOfList(IConfiguration configuration, string setting) =>
        string.IsNullOrWhiteSpace(configuration[setting])
            ? null
            : $"{setting} is a list: give its entries as {setting}:0, {setting}:1, … (environment: {setting.Replace(":", "__", StringComparison.Ordinal)}__0=…).";
}
