using System.CommandLine;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Users.Commands.CreateInvitation;
using CleanAuth.Infrastructure;
using CleanAuth.WebApi.Services;
using MediatR;

namespace CleanAuth.WebApi.Cli;

/// <summary>
/// <c>invite [--email a@example.com] [--role admin]…</c>: creates an invitation (mailed when pinned to an address) through
/// the same use case as <c>POST /api/v1/admin/invitations</c>, as the operator, and prints the token alone on the last
/// line. Refused data (an invalid address or role, an address that has an account) exits 65 with the reason.
/// </summary>
internal static class InviteVerb
{
    public const string Name = "invite";

    public static Command Create(Func<WebApplication> build)
    {
        var email = new Option<string?>("--email") { Description = "Pin the invitation to this address and mail it there." };
        var roles = new Option<string[]>("--role") { Description = "A role the invitation grants; repeat for more." };
        var command = new Command(Name, "Create an invitation and print its token on the last line.") { email, roles };
        command.SetAction((parsed, ct) => CommandLine.WithServicesAsync(
            build, (services, token) => RunAsync(services, parsed.GetValue(email), parsed.GetValue(roles) ?? [], token), ct));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string? email, string[] roles, CancellationToken cancellationToken)
    {
        await services.PrepareDatabaseAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerScope>().ActAsOperator();
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new CreateInvitationCommand(email, roles.Length == 0 ? null : roles), cancellationToken);
            if (!result.IsSuccess)
            {
                await Console.Error.WriteLineAsync($"{result.Error!.Code}: {result.Error.Description}");
                return ExitCodes.DataRefused;
            }

            var invitation = result.Value;
            await Console.Out.WriteLineAsync(
                $"Invitation created{(invitation.Email is null ? "" : $" for {invitation.Email} (mailed)")} granting {string.Join(", ", invitation.Roles)}, valid until {invitation.ExpiresAt:u}. Token:");
            await Console.Out.WriteLineAsync(invitation.Token);
            return ExitCodes.Success;
        }
        catch (AppValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                await Console.Error.WriteLineAsync($"{field}: {string.Join(" ", messages)}");
            }

            return ExitCodes.DataRefused;
        }
    }
}
