using System.Text.Json;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Infrastructure;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.Services;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Net.Http.Headers;
using Serilog;

namespace CleanAuth.WebApi;

public static partial class DependencyInjection
{
    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApiOptions, ApiOptionsValidator>(configuration, ApiOptions.SectionName);
        services.AddValidatedOptions<HealthOptions, HealthOptionsValidator>(configuration, HealthOptions.SectionName);
        services.AddLogOutput(configuration);
        services.AddGracefulShutdown(configuration);
        services.AddEdgeSecurity(configuration);
        services.AddRateLimits(configuration);
        services.AddTelemetry(configuration);
        RequestActivities.EnsureCreated();
        services.AddHttpContextAccessor();
        services.AddScoped<CallerScope>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CallerScope>().Override ?? sp.GetRequiredService<CurrentUser>());
        services.AddSingleton<IRequestContext, HttpRequestContext>();

        // Before MVC, so that its writer comes first for every problem written outside an action (a challenge, a
        // refusal, an exception): System.Text.Json straight to the body, where MVC's writer selects an output formatter
        // for each one. The same body; under a login flood that selection was about a seventh of what a refusal cost
        // (issue 10).
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Customize);
        services.AddControllers()
            .AddJsonOptions(o => ConfigureJson(o.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(o => o.InvalidModelStateResponseFactory = MalformedRequest);
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));

        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.Events ??= new JwtBearerEvents();
            o.Events.OnChallenge = WriteChallengeAsync;
        });
        services.AddAuthorization();
        services.AddApiDocumentation(configuration);
        return services;
    }

    /// <summary>The request pipeline, outermost first, and the endpoints.</summary>
    public static WebApplication UseCleanAuthPipeline(this WebApplication app)
    {
        app.UseEdgeSecurity();
        app.UseSerilogRequestLogging(options => RequestCompletionLog.Configure(options, app.Services));
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseEdgeCors();
        app.UseRateLimits();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapControllers();
        app.MapApiDocumentation();
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponses.WriteStatusAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = InfrastructureStartup.IsReadinessCheck,
            ResponseWriter = HealthResponses.WriteDetailsAsync,
            ResultStatusCodes = { [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable, [HealthStatus.Degraded] = StatusCodes.Status200OK },
        });
        app.MapMetrics();

        // The first screen says where the API and its documentation are (the host's own lifetime lines are quiet).
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Urls)
            {
                LogListening(app.Logger, address);
            }
        });
        return app;
    }

    private static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        json.AllowTrailingCommas = false;
        json.ReadCommentHandling = JsonCommentHandling.Disallow;
        json.MaxDepth = 32;
    }

    /// <summary>Model binding fails only when the body is not the JSON (or form) the endpoint takes; fields are validated later.</summary>
    private static BadRequestObjectResult MalformedRequest(ActionContext context)
    {
        var factory = context.HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Mvc.Infrastructure.ProblemDetailsFactory>();
        var problem = factory.CreateProblemDetails(context.HttpContext, StatusCodes.Status400BadRequest, "The request body is malformed or has the wrong shape.");
        problem.Extensions["code"] = ApiProblems.MalformedRequest;
        return new BadRequestObjectResult(problem) { ContentTypes = { ApiProblems.ContentType } };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CleanAuth is listening on {Address}")]
    private static partial void LogListening(Microsoft.Extensions.Logging.ILogger logger, string address);

    private static async Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Headers[HeaderNames.WWWAuthenticate] = context.AuthenticateFailure is null && string.IsNullOrEmpty(context.Error)
            ? "Bearer"
            : "Bearer error=\"invalid_token\"";
        await ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ApiProblems.InvalidToken,
            "The access token is missing, invalid, expired or revoked.");
    }
}
