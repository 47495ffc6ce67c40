using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Users;
using FluentValidation;

namespace CleanAuth.Application.Common.Validation;

/// <summary>Field rules shared by several validators, so each rule is written once.</summary>
public static class ValidationRules
{
    /// <summary>Upper bound on any password we will hash (in UTF-16 units; the policy counts code points).</summary>
    public const int MaxPasswordInputLength = 1024;

    public const int MaxTokenLength = 512;

    /// <summary>An opaque token (refresh, reset, verification, invitation): bounded, and free of control characters.</summary>
    public static IRuleBuilderOptions<T, string?> OpaqueToken<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(MaxTokenLength).NoControlCharacters();

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Email is required.")
            .NoControlCharacters()
            .Must(Email.IsValid).WithMessage("Email is not a valid email address.");

    public static IRuleBuilderOptions<T, string?> ValidUsername<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Username is required.")
            .NoControlCharacters()
            .Must(Username.IsValid)
            .WithMessage($"Username must be {Username.MinLength} to {Username.MaxLength} letters, digits, '.', '_' or '-', starting with a letter or digit.");

    public static IRuleBuilderOptions<T, string?> ValidFullName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NoControlCharacters()
            .Must(FullNameRule.IsValid).WithMessage($"Full name must be at most {FullNameRule.MaxLength} characters without control characters.");

    /// <summary>Each role one the catalog holds: a valid name first, then a known one (each failure names the role).</summary>
    public static IRuleBuilderOptions<T, string> KnownRoles<T>(this IRuleBuilder<T, string> rule, IRoleCatalog roles) =>
        rule.Must(RoleName.IsValid).WithMessage("'{PropertyValue}' is not a valid role name.")
            .Must(role => !RoleName.IsValid(role) || roles.Exists(role)).WithMessage("'{PropertyValue}' is not a known role.");

    /// <summary>
    /// No control character (Unicode category Cc, e.g. NUL, which PostgreSQL refuses in text) and no bidirectional
    /// override or isolate (which make a value display differently from what it is). Every identifier, email,
    /// username, name and token a request carries goes through this rule; a null value passes (other rules require it).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> NoControlCharacters<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null || !ContainsControlCharacters(value)).WithMessage("{PropertyName} must not contain control characters.");

    public static bool ContainsControlCharacters(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) || IsBidiControl(c))
            {
                return true;
            }
        }

        return false;
    }

    // U+061C ALM, U+200E LRM, U+200F RLM, U+202A..U+202E embeddings and overrides, U+2066..U+2069 isolates.
    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>A password being set: the password policy decides, giving each reason.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> AcceptableNewPassword<T>(
        this IRuleBuilder<T, string?> rule, IPasswordPolicy policy, Func<T, IEnumerable<string?>> contextWords) =>
        rule.Custom((password, context) =>
        {
            if (string.IsNullOrEmpty(password))
            {
                context.AddFailure("Password is required.");
                return;
            }

            foreach (var reason in policy.Check(password, contextWords(context.InstanceToValidate)))
            {
                context.AddFailure(reason);
            }
        });

    /// <summary>A password being presented: only its shape is checked, never the policy (it may predate it).</summary>
    public static IRuleBuilderOptions<T, string?> PresentedPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Password is required.")
            .MaximumLength(MaxPasswordInputLength).WithMessage("Password is too long.");
}
