using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Users;
using FluentValidation;

namespace CleanAuth.Application.Common.Validation;

/// <summary>Field rules shared by several validators, so each rule is written once.</summary>
public static class ValidationRules
{
    /// <summary>Upper bound on any password we will hash (in UTF-16 units; the policy counts code points).</summary>
    public const int MaxPasswordInputLength = 1024;

    public const int MaxTokenLength = 512;

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Email is required.")
            .Must(Email.IsValid).WithMessage("Email is not a valid email address.");

    public static IRuleBuilderOptions<T, string?> ValidUsername<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Username is required.")
            .Must(Username.IsValid)
            .WithMessage($"Username must be {Username.MinLength} to {Username.MaxLength} letters, digits, '.', '_' or '-', starting with a letter or digit.");

    public static IRuleBuilderOptions<T, string?> ValidFullName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(FullName.IsValid).WithMessage($"Full name must be at most {FullName.MaxLength} characters without control characters.");

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
