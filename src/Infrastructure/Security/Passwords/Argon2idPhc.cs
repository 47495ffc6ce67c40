using System.Globalization;

namespace CleanAuth.Infrastructure.Security.Passwords;

/// <summary>The cost parameters read from a stored PHC string.</summary>
internal readonly record struct Argon2idCost(int MemoryKiB, int Iterations);

/// <summary>
/// Reads and writes the PHC string format this system stores:
/// <c>$argon2id$v=19$m=&lt;KiB&gt;,t=&lt;passes&gt;,p=1$&lt;salt&gt;$&lt;tag&gt;</c>, with standard Base64 without padding,
/// a 16-byte salt and a 32-byte tag. Anything else is treated as unsupported.
/// </summary>
internal static class Argon2idPhc
{
    public const int SaltSize = 16;
    public const int TagSize = 32;
    public const int Parallelism = 1;

    private const string Prefix = "$argon2id$v=19$";

    /// <summary>Formats a PHC string from its parts; the caller supplies a <see cref="SaltSize"/>-byte salt and <see cref="TagSize"/>-byte tag.</summary>
    public static string Format(int memoryKiB, int iterations, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> tag) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}m={memoryKiB},t={iterations},p={Parallelism}${ToBase64NoPadding(salt)}${ToBase64NoPadding(tag)}");

    /// <summary>
    /// Parses a stored hash strictly. Returns false (never throws) for anything that is not an Argon2id v1.3 PHC string
    /// with p=1, a 16-byte salt, a 32-byte tag and costs within <see cref="PasswordHashingOptions"/>' bounds.
    /// </summary>
    public static bool TryParse(string? phc, out Argon2idCost cost)
    {
        cost = default;
        if (phc is null || !phc.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        // After the prefix: "m=…,t=…,p=1" "$" salt "$" tag
        var parts = phc[Prefix.Length..].Split('$');
        if (parts.Length != 3)
        {
            return false;
        }

        var parameters = parts[0].Split(',');
        if (parameters.Length != 3
            || !TryParseParameter(parameters[0], "m=", out var memoryKiB)
            || !TryParseParameter(parameters[1], "t=", out var iterations)
            || !TryParseParameter(parameters[2], "p=", out var parallelism))
        {
            return false;
        }

        if (parallelism != Parallelism
            || memoryKiB is < PasswordHashingOptions.AbsoluteMinimumMemoryKiB or > PasswordHashingOptions.MaximumMemoryKiB
            || iterations is < PasswordHashingOptions.AbsoluteMinimumIterations or > PasswordHashingOptions.MaximumIterations)
        {
            return false;
        }

        if (!IsCanonicalBase64NoPadding(parts[1], SaltSize) || !IsCanonicalBase64NoPadding(parts[2], TagSize))
        {
            return false;
        }

        cost = new Argon2idCost(memoryKiB, iterations);
        return true;
    }

    /// <summary>Extracts the salt of a PHC string accepted by <see cref="TryParse"/>.</summary>
    public static byte[] GetSalt(string phc)
    {
        if (!TryParse(phc, out _))
        {
            throw new FormatException("Not a supported Argon2id PHC string.");
        }

        return FromBase64NoPadding(phc.Split('$')[4]);
    }

    private static bool TryParseParameter(string text, string name, out int value)
    {
        value = 0;
        if (!text.StartsWith(name, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = text.AsSpan(name.Length);

        // Digits only, no sign, no leading zeros: one spelling per value.
        if (digits.IsEmpty || (digits.Length > 1 && digits[0] == '0') || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsCanonicalBase64NoPadding(string text, int expectedBytes)
    {
        if (text.Length != ((expectedBytes * 4) + 2) / 3)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '/')
            {
                return false;
            }
        }

        // Re-encoding must give the same text, so unused trailing bits are zero.
        var bytes = FromBase64NoPadding(text);
        return bytes.Length == expectedBytes && ToBase64NoPadding(bytes) == text;
    }

    private static byte[] FromBase64NoPadding(string text) =>
        Convert.FromBase64String(text + new string('=', (4 - (text.Length % 4)) % 4));

    private static string ToBase64NoPadding(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');
}
