using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>
/// An email address as given (surrounding whitespace removed, domain lower-cased) and its normalized form,
/// which is what uniqueness and look-ups use. Deliberately strict: ASCII only (internationalized domains
/// must arrive in punycode), no display names, no quoted local parts, no control characters.
/// </summary>
public sealed record Email
{
    public const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;
    private const int MaxLabelLength = 63;

    private Email(string value, string normalized)
    {
        Value = value;
        Normalized = normalized;
    }

    public string Value { get; }

    public string Normalized { get; }

    public string LocalPart => Value[..Value.IndexOf('@', StringComparison.Ordinal)];

    public static bool IsValid(string? candidate) => TryCreate(candidate, out _);

    public static Email Create(string candidate) =>
        TryCreate(candidate, out var email) ? email : throw new DomainException("The email address is not valid.");

    public static bool TryCreate(string? candidate, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Email? email)
    {
        email = null;
        if (candidate is null)
        {
            return false;
        }

        var trimmed = candidate.Trim();
        if (trimmed.Length is 0 or > MaxLength)
        {
            return false;
        }

        // Checked before any case mapping: ToLowerInvariant maps some non-ASCII letters to ASCII ones
        // (the Kelvin sign U+212A becomes 'k'), which would let a look-alike domain through.
        if (!System.Text.Ascii.IsValid(trimmed))
        {
            return false;
        }

        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != trimmed.LastIndexOf('@') || at > MaxLocalPartLength)
        {
            return false;
        }

        var local = trimmed.AsSpan(0, at);
        var domain = trimmed[(at + 1)..].ToLowerInvariant();
        if (!IsValidLocalPart(local) || !IsValidDomain(domain))
        {
            return false;
        }

        var value = string.Concat(local, "@", domain);
        email = new Email(value, value.ToLowerInvariant());
        return true;
    }

    /// <summary>The look-up form of an address as typed. Non-ASCII input is left as it is, so a look-alike (the Kelvin
    /// sign lower-cases to 'k') never finds an ASCII address; such input matches no account, since none can hold it.</summary>
    public static string Normalize(string candidate)
    {
        var trimmed = candidate.Trim();
        return System.Text.Ascii.IsValid(trimmed) ? trimmed.ToLowerInvariant() : trimmed;
    }

    public override string ToString() => Value;

    private static bool IsValidLocalPart(ReadOnlySpan<char> local)
    {
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~.-".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidDomain(string domain)
    {
        var labels = domain.Split('.');
        if (labels.Length < 2)
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > MaxLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                {
                    return false;
                }
            }
        }

        var tld = labels[^1];
        return tld.Length >= 2 && !tld.All(char.IsAsciiDigit);
    }
}
