using CleanAuth.Application;
using CleanAuth.Infrastructure;
using CleanAuth.WebApi;
using CleanAuth.WebApi.Cli;
using CleanAuth.WebApi.Infrastructure;
using Serilog;

if (CommandLine.IsFor(args))
{
    return await CommandLine.RunAsync(args, () => Build(args));
}

var app = Build(args);
if (!await StartupValidation.PassesAsync(app.Services))
{
    return ExitCodes.ConfigurationRefused;
}

await app.Services.PrepareDatabaseAsync(CancellationToken.None);
if (!await AdminBootstrap.EnsureAdminAsync(app.Services, app.Logger, CancellationToken.None))
{
    return ExitCodes.ConfigurationRefused;
}

app.Services.LogStartupNotices(app.Logger);
app.UseCleanAuthPipeline();
await app.RunAsync();
return ExitCodes.Success;

// The composition root, shared by the web server and the command line's verbs.
static WebApplication Build(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);

    // preserveStaticLogger: each host keeps its own logger (hosts running side by side never log into each other).
    // Query strings never reach a log (they may carry tokens): QueryStringRedactor blanks them in every event.
    // Standard output in Logging:Format (JSON lines outside Development; LogOutput).
    builder.Services.AddSerilog(
        (services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<QueryStringRedactor>()
            .WriteTo.CleanAuthConsole(builder.Configuration, builder.Environment),
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
        .AddApplication(builder.Configuration)
        .AddInfrastructure(builder.Configuration)
        .AddWebApi(builder.Configuration);
    return builder.Build();
}

/// <summary>The entry point; public so functional tests can host it.</summary>
public partial class Program;
