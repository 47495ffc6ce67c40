using CleanAuth.WebApi.OpenApi;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Section <c>Docs</c>.</summary>
public sealed class DocsOptions
{
    public const string SectionName = "Docs";

    /// <summary>Serve <c>/openapi/v1.json</c> and the Swagger UI at <c>/docs</c>; unset: in Development only.</summary>
    public bool? Enabled { get; set; }

    public bool IsEnabledIn(IHostEnvironment environment) => Enabled ?? environment.IsDevelopment();
}

/// <summary>
/// The OpenAPI document and the Swagger UI, behind <c>Docs:Enabled</c>: while off, neither route exists, so both answer
/// the 404 problem of any unknown route.
/// </summary>
public static partial class ApiDocumentation
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string UiPath = "/docs";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DocsOptions>().Bind(configuration.GetSection(DocsOptions.SectionName));
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<SecuritySchemesTransformer>();
            o.AddOperationTransformer<SecuritySchemesTransformer>();
            o.AddOperationTransformer<RefreshTokenCookieTransformer>();
        });
        return services;
    }

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DocsOptions>>().Value.IsEnabledIn(app.Environment))
        {
            return app;
        }

        app.MapOpenApi(DocumentPath);
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = UiPath.TrimStart('/');
            ui.DocumentTitle = "CleanAuth API";
            ui.SwaggerEndpoint(DocumentPath, "CleanAuth v1");
        });
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Urls)
            {
                LogDocumentation(app.Logger, address);
            }
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Swagger UI: {Address}/docs")]
    private static partial void LogDocumentation(ILogger logger, string address);
}
