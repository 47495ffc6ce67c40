using System.Globalization;
using System.Text;
using CleanAuth.Application.Common.Interfaces;
using Microsoft.Extensions.Options;
using Zxcvbn.Matcher;

namespace CleanAuth.Infrastructure.Security.Passwords;

/// <summary>
/// NIST SP 800-63B style policy: NFKC first, then length in Unicode code points (min configurable, max 256),
/// no composition rules, and a refusal of guessable passwords (zxcvbn score below 3, or containing the account's
/// own words or the service name).
/// </summary>
internal sealed class PasswordPolicy : IPasswordPolicy
{
    /// <summary>Always treated as a context word.</summary>
    public const string ServiceName = "cleanauth";

    public const string TooGuessableReason = "Password is too common or easy to guess.";
    public const string ContainsContextWordReason = "Password must not contain your email, username or the service name.";
    public const string InvalidCharactersReason = "Password contains invalid characters.";

    /// <summary>zxcvbn is quadratic in length (~100 ms at 256 chars); only this many leading code points are scored.</summary>
    internal const int ScoredCodePoints = 100;

    /// <summary>zxcvbn scores 0-4; 3 means "safely unguessable" (about 10^10 guesses).</summary>
    internal const int MinimumScore = 3;

    private const int MinimumContextWordLength = 3;

    private readonly Zxcvbn.Zxcvbn _zxcvbn = new(Zxcvbn.Translation.English);
    private readonly int _minLength;

    public PasswordPolicy(IOptions<PasswordOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _minLength = options.Value.MinLength;
    }

    public IReadOnlyList<string> Check(string password, IEnumerable<string?> contextWords)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(contextWords);

        string normalized;
        try
        {
            normalized = password.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return [InvalidCharactersReason];
        }

        var length = CountCodePoints(normalized);
        if (length > PasswordOptions.MaxLength)
        {
            return [string.Create(CultureInfo.InvariantCulture, $"Password must be at most {PasswordOptions.MaxLength} characters.")];
        }

        var reasons = new List<string>();
        if (length < _minLength)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"Password must be at least {_minLength} characters."));
        }

        var words = NormalizeContextWords(contextWords);
        var lowered = normalized.ToLowerInvariant();
        if (words.Any(w => CountCodePoints(w) >= MinimumContextWordLength && lowered.Contains(w, StringComparison.Ordinal)))
        {
            reasons.Add(ContainsContextWordReason);
        }

        if (length >= _minLength)
        {
            var result = _zxcvbn.EvaluatePassword(TakeCodePoints(normalized, ScoredCodePoints), words);
            if (result.Score < MinimumScore)
            {
                var hint = Hint(result.MatchSequence);
                reasons.Add(hint is null ? TooGuessableReason : $"{TooGuessableReason} {hint}");
            }
        }

        return reasons;
    }

    private static List<string> NormalizeContextWords(IEnumerable<string?> contextWords)
    {
        var words = new List<string> { ServiceName };
        foreach (var word in contextWords)
        {
            if (string.IsNullOrWhiteSpace(word))
            {
                continue;
            }

            string normalized;
            try
            {
                normalized = word.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                continue;
            }

            if (!words.Contains(normalized))
            {
                words.Add(normalized);
            }
        }

        return words;
    }

    /// <summary>zxcvbn-core 1.1.17 has no feedback text, so say which kind of pattern made the password weak.</summary>
    private static string? Hint(IEnumerable<Zxcvbn.Match> matches)
    {
        var list = matches.ToList();
        if (list.OfType<DictionaryMatch>().Any(m => m.DictionaryName == "user_inputs"))
        {
            return "It is based on your email, username or the service name.";
        }

        if (list.OfType<DictionaryMatch>().Any(m => m.DictionaryName == "passwords"))
        {
            return "It is based on a commonly used password.";
        }

        if (list.Any(m => m.Pattern == "spatial"))
        {
            return "Keyboard patterns are easy to guess.";
        }

        if (list.Any(m => m.Pattern is "repeat" or "sequence"))
        {
            return "Repeats and sequences like 'aaa' or '123' are easy to guess.";
        }

        if (list.Any(m => m.Pattern is "date" or "year" or "digits"))
        {
            return "Dates and numbers are easy to guess.";
        }

        if (list.OfType<DictionaryMatch>().Any())
        {
            return "Common words and names are easy to guess; add more words or make them less common.";
        }

        return null;
    }

    private static int CountCodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static string TakeCodePoints(string text, int maxCodePoints)
    {
        var utf16Length = 0;
        var taken = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (taken == maxCodePoints)
            {
                break;
            }

            utf16Length += rune.Utf16SequenceLength;
            taken++;
        }

        return text[..utf16Length];
    }
}
