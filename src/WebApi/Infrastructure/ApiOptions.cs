using Microsoft.Extensions.Options;
namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options) =>
        options.MaxRequestBodyBytes > 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail("Api:MaxRequestBodyBytes must be positive.");
}
