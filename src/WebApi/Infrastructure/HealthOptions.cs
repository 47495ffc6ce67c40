using Microsoft.Extensions.Options;
namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Section <c>Health</c>.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";
    public const int MinimumDetailsTokenLength = 32;

    /// <summary>
    /// A secret: callers presenting <c>Authorization: Bearer &lt;DetailsToken&gt;</c> get readiness details (counts,
    /// timings). Unset: nobody gets them outside Development.
    /// </summary>
    public string? DetailsToken { get; set; }
}

internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options) =>
        string.IsNullOrEmpty(options.DetailsToken)
        || (options.DetailsToken.Trim().Length == options.DetailsToken.Length && options.DetailsToken.Length >= HealthOptions.MinimumDetailsTokenLength)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Health:DetailsToken must be at least {HealthOptions.MinimumDetailsTokenLength} characters without surrounding spaces (e.g. `openssl rand -base64 32`), or unset.");
}
