using Microsoft.Extensions.Options;
namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Section <c>Health</c>.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>
    /// A secret: callers presenting <c>Authorization: Bearer &lt;DetailsToken&gt;</c> get readiness details (counts,
    /// timings). Unset: nobody gets them outside Development.
    /// </summary>
    public string? DetailsToken { get; set; }
}

internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options) =>
        string.IsNullOrEmpty(options.DetailsToken) || BearerSecret.IsStrong(options.DetailsToken)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(BearerSecret.WeakSecretFailure("Health:DetailsToken"));
}
