namespace CleanAuth.Domain.Authorization;

/// <summary>The built-in roles. Role names are lower-case identifiers.</summary>
public static class Roles
{
    public const string User = "user";
    public const string Admin = "admin";

    public const int MaxLength = 32;

    public static bool IsValidName(string? name) =>
        name is { Length: >= 2 and <= MaxLength } && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');
}
