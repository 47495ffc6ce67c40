using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Common.Options;

/// <summary>Every lifetime accepts values down to one minute, so people and tests can watch things expire.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (options.PasswordResetLifetime < TimeSpan.FromMinutes(1))
        {
            failures.Add("Auth:PasswordResetMinutes must be at least 1.");
        }

        if (options.EmailVerificationLifetime < TimeSpan.FromMinutes(1))
        {
            failures.Add("Auth:EmailVerificationHours must be at least one minute (0.0167).");
        }

        if (options.InvitationLifetime < TimeSpan.FromMinutes(1))
        {
            failures.Add("Auth:InvitationDays must be at least one minute (0.0007).");
        }

        return failures.ToResult();
    }
}
