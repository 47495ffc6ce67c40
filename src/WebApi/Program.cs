using CleanAuth.Application;
using CleanAuth.Infrastructure;
using CleanAuth.Infrastructure.Mail;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Security.Tokens;
using CleanAuth.WebApi;
using CleanAuth.WebApi.Cli;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
// preserveStaticLogger: each host keeps its own logger (hosts running side by side never log into each other).
// Query strings never reach a log (they may carry tokens): QueryStringRedactor blanks them in every event.
builder.Services.AddSerilog(
    (services, logger) => logger
        .ReadFrom.Configuration(builder.Configuration)
        .ReadFrom.Services(services)
        .Enrich.FromLogContext()
        .Enrich.With<QueryStringRedactor>(),
    preserveStaticLogger: true);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    // Above Kestrel's 32 KB default, so an oversized bearer token reaches the app and gets a ProblemDetails 401
    // (JwtValidation.MaxAuthorizationHeaderLength) instead of Kestrel's empty 431.
    kestrel.Limits.MaxRequestHeadersTotalSize = 256 * 1024;
    kestrel.Limits.Http2.MaxRequestHeaderFieldSize = 256 * 1024;
});

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddWebApi(builder.Configuration);

var app = builder.Build();

// Fail fast, naming the setting, before touching the database or opening a port.
try
{
    app.Services.GetRequiredService<IStartupValidator>().Validate();
}
catch (Exception ex) when (ex is OptionsValidationException || (ex is AggregateException all && all.InnerExceptions.All(e => e is OptionsValidationException)))
{
    // Several sections can fail at once (then the validator throws them together): name every setting.
    var failures = ex is AggregateException aggregate
        ? aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)
        : ((OptionsValidationException)ex).Failures;
    await Console.Error.WriteLineAsync($"CleanAuth cannot start: {string.Join(" ", failures)}");
    return 2;
}

if (args.Contains("migrate", StringComparer.Ordinal))
{
    await app.Services.MigrateDatabaseAsync(CancellationToken.None);
    await Console.Out.WriteLineAsync("CleanAuth: migrations applied.");
    return 0;
}

if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
{
    await app.Services.MigrateDatabaseAsync(CancellationToken.None);
}

if (args.Length > 0 && args[0] == InviteVerb.Name)
{
    return await InviteVerb.RunAsync(app.Services, args);
}

if (!app.Environment.IsDevelopment() && app.Services.GetRequiredService<IOptions<EmailOptions>>().Value.Provider == EmailProvider.Pickup)
{
    app.Logger.LogWarning("Email:Provider is Pickup: mail is written to a folder and never sent. Set Email:Provider=Smtp to deliver it.");
}

if (app.Services.GetRequiredService<IOptions<JwtOptions>>().Value.SigningKeyGenerated)
{
    app.Logger.LogWarning("Jwt:SigningKey is not set: using a random key for this run (Development only). Tokens will not survive a restart.");
}

app.UseSerilogRequestLogging(options => RequestCompletionLog.Configure(options, app.Services));
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<ApiResponseHeadersMiddleware>();
app.UseMiddleware<RequestBodyLimitMiddleware>();
app.UseAuthentication();
app.UseAuthorization();

app.MapControllers();
app.MapOpenApi();
app.UseSwaggerUI(ui =>
{
    ui.RoutePrefix = "docs";
    ui.DocumentTitle = "CleanAuth API";
    ui.SwaggerEndpoint("/openapi/v1.json", "CleanAuth v1");
});
app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponses.WriteStatusAsync });
app.MapHealthChecks("/health/ready", new HealthCheckOptions
{
    Predicate = check => check.Tags.Contains(CleanAuth.Infrastructure.DependencyInjection.ReadyTag),
    ResponseWriter = HealthResponses.WriteDetailsAsync,
    ResultStatusCodes = { [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable, [HealthStatus.Degraded] = StatusCodes.Status200OK },
});

await app.RunAsync();
return 0;

/// <summary>The entry point; public so functional tests can host it.</summary>
public partial class Program;
