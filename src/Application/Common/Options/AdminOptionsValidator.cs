using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Common.Options;

/// <summary>Admin:Email and Admin:Password together; a valid email and username; a password the policy accepts (never echoed).</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    private readonly IPasswordPolicy _policy;

    public AdminOptionsValidator(IPasswordPolicy policy) => _policy = policy;

    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var failures = new List<string>();
        var hasEmail = !string.IsNullOrEmpty(options.Email);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        if (hasEmail != hasPassword)
        {
            failures.Add(hasEmail
                ? "Admin:Password is required when Admin:Email is set."
                : "Admin:Email is required when Admin:Password is set.");
            return failures.ToResult();
        }

        if (!hasEmail)
        {
            return ValidateOptionsResult.Success;
        }

        if (!Email.TryCreate(options.Email, out var email))
        {
            failures.Add("Admin:Email is not a valid email address.");
        }

        if (!Username.IsValid(options.Username))
        {
            failures.Add($"Admin:Username must be {Username.MinLength} to {Username.MaxLength} letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }

        var reasons = _policy.Check(options.Password!, [email?.LocalPart, options.Username]);
        if (reasons.Count > 0)
        {
            failures.Add($"Admin:Password is refused by the password policy: {string.Join(" ", reasons)}");
        }

        return failures.ToResult();
    }
}
