using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Common.Options;

internal sealed class LockoutOptionsValidator : IValidateOptions<LockoutOptions>
{
    public ValidateOptionsResult Validate(string? name, LockoutOptions options)
    {
        var failures = new List<string>();
        if (options.MaxFailedAttempts < 1)
        {
            failures.Add("Lockout:MaxFailedAttempts must be at least 1.");
        }

        if (options.Minutes < 1)
        {
            failures.Add("Lockout:Minutes must be at least 1.");
        }

        return failures.ToResult();
    }
}
