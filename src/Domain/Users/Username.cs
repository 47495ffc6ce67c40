using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>
/// A username: 3 to 32 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit.
/// It can never contain '@', so a login identifier is unambiguously an email or a username.
/// Uniqueness is case-insensitive through <see cref="Normalized"/>.
/// </summary>
public sealed record Username
{
    public const int MinLength = 3;
    public const int MaxLength = 32;

    private Username(string value)
    {
        Value = value;
        Normalized = value.ToLowerInvariant();
    }

    public string Value { get; }

    public string Normalized { get; }

    public static bool IsValid(string? candidate)
    {
        if (candidate is null || candidate.Length is < MinLength or > MaxLength || !char.IsAsciiLetterOrDigit(candidate[0]))
        {
            return false;
        }

        foreach (var c in candidate)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    public static Username Create(string candidate) =>
        IsValid(candidate) ? new Username(candidate) : throw new DomainException("The username is not valid.");

    /// <summary>The look-up form; non-ASCII input stays as it is, so no look-alike maps onto a real (ASCII) username.</summary>
    public static string Normalize(string candidate) =>
        System.Text.Ascii.IsValid(candidate) ? candidate.ToLowerInvariant() : candidate;

    public override string ToString() => Value;
}
