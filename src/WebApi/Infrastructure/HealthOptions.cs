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
