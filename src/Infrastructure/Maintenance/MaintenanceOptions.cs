using Microsoft.Extensions.Options;
namespace CleanAuth.Infrastructure.Maintenance;

/// <summary>Section <c>Maintenance</c>.</summary>
public sealed class MaintenanceOptions
{
    public const string SectionName = "Maintenance";

    public double IntervalMinutes { get; set; } = 60;

    /// <summary>How long expired or used tokens, ended sessions, delivered mail and stale throttles are kept.</summary>
    public double RetentionDays { get; set; } = 7;
}

internal sealed class MaintenanceOptionsValidator : IValidateOptions<MaintenanceOptions>
{
    public ValidateOptionsResult Validate(string? name, MaintenanceOptions options) =>
        options.IntervalMinutes >= 1 && options.RetentionDays >= 1
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Maintenance:IntervalMinutes and Maintenance:RetentionDays must be at least 1.");
}
