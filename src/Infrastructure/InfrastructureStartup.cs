using CleanAuth.Infrastructure.Mail;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Persistence.Roles;
using CleanAuth.Infrastructure.Security.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure;

/// <summary>
/// What the composition root does with Infrastructure once the services are built: the database, the notices an
/// operator should read at start-up, and which health checks mean "ready". The only Infrastructure the WebApi uses
/// besides <see cref="DependencyInjection"/> (an architecture test enforces it).
/// </summary>
public static partial class InfrastructureStartup
{
    /// <summary>Applies the provider's migrations (the <c>migrate</c> verb, and start-up unless <c>Database:MigrateOnStartup</c> is false).</summary>
    public static Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken) =>
        DatabaseMigrator.MigrateAsync(services, cancellationToken);

    /// <summary>
    /// Migrates when <c>Database:MigrateOnStartup</c> says so (the default), then reads the role catalog (the roles and
    /// what they grant) into memory, once: requests are authorized against that copy, never the database.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            await DatabaseMigrator.MigrateAsync(services, cancellationToken);
        }

        await services.LoadRoleCatalogAsync(cancellationToken);
    }

    /// <summary>Reads the <c>roles</c> and <c>role_permissions</c> tables into the singleton role catalog.</summary>
    public static async Task LoadRoleCatalogAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await services.GetRequiredService<RoleCatalog>()
            .LoadAsync(scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>(), cancellationToken);
    }

    /// <summary>Warns about settings that work but should not reach production unnoticed.</summary>
    public static void LogStartupNotices(this IServiceProvider services, ILogger logger)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        if (!environment.IsDevelopment() && services.GetRequiredService<IOptions<EmailOptions>>().Value.Provider == EmailProvider.Pickup)
        {
            LogPickupOnly(logger);
        }

        if (services.GetRequiredService<IOptions<JwtOptions>>().Value.SigningKeyGenerated)
        {
            LogGeneratedSigningKey(logger);
        }
    }

    /// <summary>The checks <c>/health/ready</c> runs: the database and the mail outbox.</summary>
    public static bool IsReadinessCheck(HealthCheckRegistration check) => check.Tags.Contains(DependencyInjection.ReadyTag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email:Provider is Pickup: mail is written to a folder and never sent. Set Email:Provider=Smtp to deliver it.")]
    private static partial void LogPickupOnly(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Jwt:SigningKey is not set: using a random key for this run (Development only). Tokens will not survive a restart.")]
    private static partial void LogGeneratedSigningKey(ILogger logger);
}
