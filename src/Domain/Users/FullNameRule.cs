namespace CleanAuth.Domain.Users;

/// <summary>Rules for the optional display name.</summary>
public static class FullNameRule
{
    public const int MaxLength = 100;

    public static bool IsValid(string? candidate) =>
        candidate is null || (candidate.Length <= MaxLength && !candidate.Any(char.IsControl));
}
