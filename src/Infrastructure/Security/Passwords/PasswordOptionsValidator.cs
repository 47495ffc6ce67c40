using System.Globalization;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Security.Passwords;

/// <summary>Refuses a minimum password length below 8 or above the maximum at start-up.</summary>
internal sealed class PasswordOptionsValidator : IValidateOptions<PasswordOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        if (options.MinLength < PasswordOptions.AbsoluteMinimumLength)
        {
            return ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{PasswordOptions.SectionName}:MinLength must be at least {PasswordOptions.AbsoluteMinimumLength}."));
        }

        if (options.MinLength > PasswordOptions.MaxLength)
        {
            return ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{PasswordOptions.SectionName}:MinLength must be at most {PasswordOptions.MaxLength}."));
        }

        return ValidateOptionsResult.Success;
    }
}
