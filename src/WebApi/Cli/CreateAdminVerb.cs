using System.CommandLine;
using System.Text;
using CleanAuth.Application.Users.Commands.CreateAdmin;
using CleanAuth.Infrastructure;

namespace CleanAuth.WebApi.Cli;

/// <summary>
/// <c>create-admin --email a@example.com --username name [--full-name "A Name"]</c>: creates an account with the roles
/// admin and user and a verified email, as the operator. The password is the first line of standard input (prompted
/// without echo on a terminal), never an argument. Prints the new id alone on the last line.
/// </summary>
internal static class CreateAdminVerb
{
    public const string Name = "create-admin";

    public static Command Create(Func<WebApplication> build)
    {
        var email = new Option<string>("--email") { Description = "The admin's email address (verified).", Required = true };
        var username = new Option<string>("--username") { Description = "The admin's username.", Required = true };
        var fullName = new Option<string?>("--full-name") { Description = "The admin's full name." };
        var command = new Command(Name, "Create an admin account (roles admin and user); the password is read from standard input. Prints the id on the last line.")
        {
            email, username, fullName,
        };
        command.SetAction((parsed, ct) => CommandLine.WithServicesAsync(
            build,
            (services, token) => RunAsync(services, parsed.GetValue(email)!, parsed.GetValue(username)!, parsed.GetValue(fullName), token),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string email, string username, string? fullName, CancellationToken cancellationToken)
    {
        var password = await ReadPasswordAsync(cancellationToken);
        await services.PrepareDatabaseAsync(cancellationToken);
        var outcome = await AdminBootstrap.CreateAsync(services, new CreateAdminCommand(email, username, password, AdminSource.CommandLine, fullName), cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            await Console.Error.WriteLineAsync(refusal);
            return ExitCodes.DataRefused;
        }

        if (outcome.Error is { } error)
        {
            await Console.Error.WriteLineAsync($"{error.Code}: {error.Description}");
            return ExitCodes.DataRefused;
        }

        await Console.Out.WriteLineAsync($"Admin {username} <{email}> created. Id:");
        await Console.Out.WriteLineAsync(outcome.Id.ToString());
        return ExitCodes.Success;
    }

    // The first line of standard input; on a terminal, a prompt and the keys read without echo.
    private static async Task<string> ReadPasswordAsync(CancellationToken cancellationToken)
    {
        if (Console.IsInputRedirected)
        {
            return await Console.In.ReadLineAsync(cancellationToken) ?? "";
        }

        await Console.Error.WriteAsync("Password: ");
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        await Console.Error.WriteLineAsync();
        return password.ToString();
    }
}
