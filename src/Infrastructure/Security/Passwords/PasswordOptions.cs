namespace CleanAuth.Infrastructure.Security.Passwords;

/// <summary>New-password rules, bound from the <c>Password</c> section. Lengths count Unicode code points after NFKC.</summary>
public sealed class PasswordOptions
{
    public const string SectionName = "Password";

    /// <summary>Longest acceptable password, in code points. Not configurable.</summary>
    public const int MaxLength = 256;

    /// <summary>No configuration may go below this (NIST SP 800-63B's floor).</summary>
    public const int AbsoluteMinimumLength = 8;

    public const int DefaultMinLength = 15;

    public int MinLength { get; set; } = DefaultMinLength;
}
