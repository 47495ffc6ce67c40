using MediatR;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Caching;
using CleanAuth.Infrastructure.FileSystem;
using CleanAuth.Infrastructure.Mail;
using CleanAuth.Infrastructure.Maintenance;
using CleanAuth.Infrastructure.Outbox;
using CleanAuth.Infrastructure.Outbox.Handlers;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Persistence.Roles;
using CleanAuth.Infrastructure.Persistence.Repositories;
using CleanAuth.Infrastructure.Security.Passwords;
using CleanAuth.Infrastructure.Security.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure;

public static class DependencyInjection
{
    internal const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        AddPersistence(services, configuration);
        AddTokens(services, configuration);
        AddMail(services, configuration);
        AddOutbox(services);
        services.AddPasswordSecurity(configuration);
        return services;
    }

    private static void AddPersistence(IServiceCollection services, IConfiguration configuration)
    {
        // Everything is read when first resolved, so configuration added after registration (hosts, tests) counts.
        services.AddOptions<DatabaseOptions>().ValidateOnStart();
        services.AddSingleton<DatabaseOptionsSetup>();
        services.AddSingleton<IConfigureOptions<DatabaseOptions>>(sp => sp.GetRequiredService<DatabaseOptionsSetup>());
        services.AddSingleton<IValidateOptions<DatabaseOptions>>(sp => sp.GetRequiredService<DatabaseOptionsSetup>());

        // Pooled: a request leases a context that is reset, not built (options, services and model are built once).
        // The SQLite file is created for the service's user only, before SQLite first opens (and would create) it.
        services.AddDbContextPool<SqliteCleanAuthDbContext>(
            (sp, o) =>
            {
                var connectionString = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
                SqliteDatabaseFile.CreatePrivately(connectionString);
                DbContextOptionsFactory.UseSqlite(o, connectionString);
            });
        services.AddDbContextPool<PostgresCleanAuthDbContext>(
            (sp, o) => DbContextOptionsFactory.UsePostgres(o, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        services.AddScoped<CleanAuthDbContext>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
        {
            DatabaseProvider.Postgres => sp.GetRequiredService<PostgresCleanAuthDbContext>(),
            _ => sp.GetRequiredService<SqliteCleanAuthDbContext>(),
        });

        services.AddHostedService<FilePermissionsCheck>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddValidatedOptions<PerformanceOptions, PerformanceOptionsValidator>(configuration, PerformanceOptions.SectionName);
        services.AddSingleton<UserViewCache>();
        services.AddSingleton<IUserViewCache>(sp => sp.GetRequiredService<UserViewCache>());
        services.AddSingleton<RoleCatalog>();
        services.AddSingleton<IRoleCatalog>(sp => sp.GetRequiredService<RoleCatalog>());
        services.AddSingleton<IOutageClassifier, DatabaseFailures>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<ISessionRepository, SessionRepository>();
        services.AddScoped<IAccountTokenRepository, AccountTokenRepository>();
        services.AddScoped<ILoginThrottleRepository, LoginThrottleRepository>();
        services.AddScoped<IAuditLogRepository, AuditLogRepository>();
        services.AddScoped<ISpecificationQueries, SpecificationQueries>();
        services.AddScoped<IStatsQueries, StatsQueries>();
        services.AddScoped<IListCounts, ListCountsQueries>();
        services.AddHealthChecks().AddDbContextCheck<CleanAuthDbContext>("database", tags: [ReadyTag]);

        services.AddValidatedOptions<MaintenanceOptions, MaintenanceOptionsValidator>(configuration, MaintenanceOptions.SectionName);
        services.AddHostedService<PurgeService>();
    }

    private static void AddMail(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<EmailOptions, EmailOptionsValidator>(configuration, EmailOptions.SectionName);
        services.AddValidatedOptions<AppOptions, AppOptionsValidator>(configuration, AppOptions.SectionName);
        services.AddSingleton<IPostConfigureOptions<AppOptions>, AppOptionsDevelopmentDefaults>();

        services.AddScoped<IAccountMailer, AccountMailer>();
        services.AddSingleton<SmtpMailTransport>();
        services.AddSingleton<PickupMailTransport>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Provider == EmailProvider.Smtp
            ? sp.GetRequiredService<SmtpMailTransport>()
            : sp.GetRequiredService<PickupMailTransport>());
    }

    /// <summary>The outbox and one handler per kind of background work: a new kind is one class and one line here.</summary>
    private static void AddOutbox(IServiceCollection services)
    {
        services.AddOutboxHandler<MailHandler>();
        services.AddOutboxHandler<IssuePasswordResetHandler>();

        services.AddSingleton<OutboxHandlers>();
        services.AddSingleton<OutboxPayloadProtector>();
        services.AddScoped<OutboxWriter>();
        services.AddScoped<IBackgroundWork, OutboxBackgroundWork>();
        services.AddHostedService<OutboxDispatcher>();
        // The check keeps its name: /health/ready has always reported the outbox as email_outbox.
        services.AddHealthChecks().AddCheck<OutboxHealthCheck>("email_outbox", tags: [ReadyTag]);
    }

    private static void AddTokens(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<JwtOptions, JwtOptionsValidator>(configuration, JwtOptions.SectionName);
        services.AddSingleton<IPostConfigureOptions<JwtOptions>, JwtOptionsDevelopmentDefaults>();
        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton<ITokenService, TokenService>();
        services.AddSingleton<RevokedSessionRegistry>();
        services.AddScoped<INotificationHandler<AfterCommit<SessionRevokedEvent>>, RevokedSessionPublisher>();
        services.AddHostedService<RevokedSessionSync>();
        services.AddSingleton<RoleChangeRegistry>();
        services.AddScoped<INotificationHandler<AfterCommit<RolesChangedEvent>>, RoleChangePublisher>();
        services.AddScoped<INotificationHandler<AfterCommit<UserDeletedEvent>>, RoleChangePublisher>();
        services.AddHostedService<RoleChangeSync>();
        services.AddSingleton<ValidatedTokenCheck>();
        // Post-configure: ASP.NET's own bearer set-up (Authentication:Schemes:Bearer:* settings, e.g. from user-jwts)
        // must never replace the pinned algorithm, type, issuer, audience, skew and key.
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, JwtBearerOptionsSetup>();
    }
}
