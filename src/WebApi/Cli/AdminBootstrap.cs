using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Options;
using CleanAuth.Application.Users.Commands.CreateAdmin;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;
using CleanAuth.WebApi.Services;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Cli;

/// <summary>
/// Start-up, after the database is prepared and before serving: with <c>Admin:Email</c> and <c>Admin:Password</c>, creates
/// that admin (the <see cref="CreateAdminCommand"/> the <c>create-admin</c> verb sends) unless the email already has an
/// account, which is then left exactly as it is. Instances starting together create one: the unique index decides.
/// </summary>
public static partial class AdminBootstrap
{
    /// <summary>False (after one "cannot start" line on standard error naming the setting) when the admin cannot be created.</summary>
    public static async Task<bool> EnsureAdminAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        var admin = services.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (!admin.IsConfigured)
        {
            return true;
        }

        var command = new CreateAdminCommand(admin.Email, admin.Username, admin.Password, AdminSource.Configuration);
        var outcome = await CreateAsync(services, command, cancellationToken);
        if (outcome.Error == UserErrors.UsernameTaken)
        {
            // An instance starting at the same time may have won the race on the username index before the email's:
            // asked again, the handler checks the email first and answers "already exists" if it was that.
            outcome = await CreateAsync(services, command, cancellationToken);
        }

        if (outcome.Refusal is { } refusal)
        {
            await Console.Error.WriteLineAsync($"CleanAuth cannot start: {refusal.Replace("Username:", "Admin:Username:", StringComparison.Ordinal)}");
            return false;
        }

        if (outcome.Error == UserErrors.UsernameTaken)
        {
            await Console.Error.WriteLineAsync($"CleanAuth cannot start: Admin:Username '{admin.Username}' is already taken by another account.");
            return false;
        }

        if (outcome.Error == UserErrors.EmailTaken)
        {
            LogAdminExists(logger);
        }
        else
        {
            LogAdminCreated(logger, outcome.Id);
        }

        return true;
    }

    /// <summary>
    /// Sends <paramref name="command"/> as the operator: the new id, or the expected error (a lost race on a unique index
    /// included), or the validation refusal as "Field: reasons" lines.
    /// </summary>
    internal static async Task<(Guid Id, Error? Error, string? Refusal)> CreateAsync(IServiceProvider services, CreateAdminCommand command, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerScope>().ActAsOperator();
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, cancellationToken);
            return result.IsSuccess ? (result.Value, null, null) : (Guid.Empty, result.Error, null);
        }
        catch (ConflictException ex)
        {
            return (Guid.Empty, ex.Error, null);
        }
        catch (AppValidationException ex)
        {
            return (Guid.Empty, null, string.Join(Environment.NewLine, ex.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin bootstrap: created the admin account {UserId} from Admin:Email.")]
    private static partial void LogAdminCreated(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin bootstrap: Admin:Email already has an account; left unchanged.")]
    private static partial void LogAdminExists(ILogger logger);
}
