namespace CleanAuth.Application.Common.Interfaces;

/// <summary>
/// Decides whether a new password is acceptable: length in code points after NFKC normalization,
/// no composition rules, and no common, guessable or context-derived passwords.
/// </summary>
public interface IPasswordPolicy
{
    /// <summary>Reasons the password is refused; empty when it is acceptable.</summary>
    /// <param name="password">The candidate password as submitted.</param>
    /// <param name="contextWords">Words tied to the account (email local part, username) that must not make up the password.</param>
    IReadOnlyList<string> Check(string password, IEnumerable<string?> contextWords);
}
