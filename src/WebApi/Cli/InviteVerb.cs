using System.Security.Claims;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Users.Commands.CreateInvitation;
using CleanAuth.Domain.Authorization;
using MediatR;

namespace CleanAuth.WebApi.Cli;

/// <summary>
/// <c>invite --email a@example.com --role admin</c>: creates an invitation (mailed when pinned to an address) through the
/// same use case the admin API will call, as an operator holding the admin role, and prints the token alone on the
/// last line. Until the admin API exists this is how invite-only deployments let people in.
/// </summary>
internal static class InviteVerb
{
    public const string Name = "invite";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args)
    {
        string? email = null;
        var roles = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--email" when i + 1 < args.Count:
                    email = args[++i];
                    break;
                case "--role" when i + 1 < args.Count:
                    roles.Add(args[++i]);
                    break;
                default:
                    await Console.Error.WriteLineAsync("usage: invite [--email <address>] [--role <role>]...");
                    return 64;
            }
        }

        await using var scope = services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = Operator() };
        try
        {
            var token = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateInvitationCommand(email, roles));
            await Console.Out.WriteLineAsync(
                $"Invitation created{(email is null ? "" : $" for {email} (mailed)")}{(roles.Count == 0 ? "" : $" granting {string.Join(", ", roles)}")}. Token:");
            await Console.Out.WriteLineAsync(token);
            return 0;
        }
        catch (AppValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                await Console.Error.WriteLineAsync($"{field}: {string.Join(" ", messages)}");
            }

            return 65;
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    /// <summary>Whoever runs the command line on the server is an operator with the admin role.</summary>
    private static ClaimsPrincipal Operator() => new(new ClaimsIdentity(
        [new Claim("sub", Guid.Empty.ToString()), new Claim("sid", Guid.Empty.ToString()), new Claim("roles", Roles.Admin)],
        authenticationType: "cli",
        nameType: "sub",
        roleType: "roles"));
}
