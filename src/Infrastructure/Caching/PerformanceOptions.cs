using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Caching;

/// <summary>Section <c>Performance</c>.</summary>
public sealed class PerformanceOptions
{
    public const string SectionName = "Performance";

    /// <summary>
    /// The longest an account's cached view serves <c>GET /users/me</c> (ADR-017); 0 turns the cache off. Changes made
    /// through this instance show at once whatever the value; changes made through another show within it.
    /// </summary>
    public int UserCacheSeconds { get; set; } = 5;
}

internal sealed class PerformanceOptionsValidator : IValidateOptions<PerformanceOptions>
{
    public const int MaxUserCacheSeconds = 3600;

    public ValidateOptionsResult Validate(string? name, PerformanceOptions options) =>
        options.UserCacheSeconds is >= 0 and <= MaxUserCacheSeconds
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Performance:UserCacheSeconds must be between 0 (off) and {MaxUserCacheSeconds}.");
}
