using System.CommandLine;
using CleanAuth.Infrastructure;

namespace CleanAuth.WebApi.Cli;

/// <summary>
/// The verbs (<c>migrate</c>, <c>invite</c>, …): each builds the same composition root as the web server, validates the
/// configuration (exit 2), does its job and exits. A verb starts no web server and no background services.
/// <c>healthcheck</c> alone builds nothing: it asks a running server.
/// Settings come from appsettings, the environment, or <c>--Section:Key=value</c> arguments.
/// </summary>
public static class CommandLine
{
    private static readonly string[] s_helpOptions = ["--help", "-h", "-?", "/?", "--version"];

    private static readonly string[] s_verbs = [MigrateVerb.Name, InviteVerb.Name, CreateAdminVerb.Name, HealthcheckVerb.Name];

    /// <summary>True when the arguments ask for a verb or for help rather than for the web server.</summary>
    public static bool IsFor(IReadOnlyList<string> args) =>
        args.Count > 0 && (s_verbs.Contains(args[0], StringComparer.Ordinal) || s_helpOptions.Contains(args[0], StringComparer.Ordinal));

    public static async Task<int> RunAsync(string[] args, Func<WebApplication> build)
    {
        var root = new RootCommand(
            "CleanAuth: a self-hosted authentication API. Without a verb it serves the API; with one it does that job and exits.\n" +
            "Exit codes: 0 success, 1 unhealthy (healthcheck), 2 configuration refused, 64 usage error, 65 data refused.")
        {
            MigrateVerb.Create(build),
            InviteVerb.Create(build),
            CreateAdminVerb.Create(build),
            HealthcheckVerb.Create(),
        };
        foreach (var command in root.Subcommands)
        {
            command.TreatUnmatchedTokensAsErrors = false; // settings as --Section:Key=value, checked below
        }

        var parsed = root.Parse(args);
        var strays = parsed.UnmatchedTokens.Where(token => !IsSetting(token)).ToList();
        if (parsed.Errors.Count > 0 || strays.Count > 0)
        {
            foreach (var error in parsed.Errors.Select(e => e.Message).Concat(strays.Select(t => $"Unrecognized argument '{t}'.")))
            {
                await Console.Error.WriteLineAsync(error);
            }

            await Console.Error.WriteLineAsync("Run with --help for usage.");
            return ExitCodes.UsageError;
        }

        return await parsed.InvokeAsync();
    }

    /// <summary>Runs <paramref name="job"/> against the built services once the configuration has been validated.</summary>
    internal static async Task<int> WithServicesAsync(Func<WebApplication> build, Func<IServiceProvider, CancellationToken, Task<int>> job, CancellationToken cancellationToken)
    {
        await using var app = build();
        if (!await StartupValidation.PassesAsync(app.Services))
        {
            return ExitCodes.ConfigurationRefused;
        }

        return await job(app.Services, cancellationToken);
    }

    // ASP.NET's command-line configuration form; a typo of an option has no colon or no value and is refused.
    private static bool IsSetting(string token) =>
        token.StartsWith("--", StringComparison.Ordinal) && token.Contains(':', StringComparison.Ordinal) && token.Contains('=', StringComparison.Ordinal);
}

/// <summary><c>migrate</c>: applies the database migrations and exits.</summary>
internal static class MigrateVerb
{
    public const string Name = "migrate";

    public static Command Create(Func<WebApplication> build)
    {
        var command = new Command(Name, "Apply the database migrations and exit.");
        command.SetAction((_, ct) => CommandLine.WithServicesAsync(build, async (services, token) =>
        {
            await services.MigrateDatabaseAsync(token);
            await Console.Out.WriteLineAsync("CleanAuth: migrations applied.");
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
