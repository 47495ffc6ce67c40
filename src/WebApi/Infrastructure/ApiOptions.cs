namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
