using CleanAuth.Application.Common.Options;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Section <c>RateLimiting</c>: requests per client address and minute (<see cref="RateLimits"/>).</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Every route together, except health, metrics and CORS preflights.</summary>
    public int PerMinute { get; set; } = 300;

    /// <summary>Each of register, login, login-form, the password-reset and the email-verification routes, on top of <see cref="PerMinute"/>.</summary>
    public int AuthPerMinute { get; set; } = 10;

    /// <summary>Refresh, on top of <see cref="PerMinute"/>.</summary>
    public int RefreshPerMinute { get; set; } = 60;
}

internal sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var failures = new List<string>();
        foreach (var (key, value) in new[]
        {
            (nameof(RateLimitingOptions.PerMinute), options.PerMinute),
            (nameof(RateLimitingOptions.AuthPerMinute), options.AuthPerMinute),
            (nameof(RateLimitingOptions.RefreshPerMinute), options.RefreshPerMinute),
        })
        {
            if (value < 1)
            {
                failures.Add($"{RateLimitingOptions.SectionName}:{key} must be at least 1 (requests per client and minute; RateLimiting:Enabled=false turns limits off).");
            }
        }

        return failures.ToResult();
    }
}
