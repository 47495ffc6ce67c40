namespace CleanAuth.Domain.Authorization;

/// <summary>The seeded roles, and the rule for any role name: a lower-case identifier.</summary>
public static class RoleName
{
    /// <summary>Signs in, looks and signs out; changes nothing.</summary>
    public const string Guest = "guest";

    public const string User = "user";
    public const string Admin = "admin";

    public const int MaxLength = 32;

    public static bool IsValid(string? name) =>
        name is { Length: >= 2 and <= MaxLength } && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');
}
