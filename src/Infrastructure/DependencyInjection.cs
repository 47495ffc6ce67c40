using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
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
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        AddPersistence(services);
        AddTokens(services, configuration);
        services.AddPasswordSecurity(configuration);
        return services;
    }

    private static void AddPersistence(IServiceCollection services)
    {
        // Everything is read when first resolved, so configuration added after registration (hosts, tests) counts.
        services.AddOptions<DatabaseOptions>().ValidateOnStart();
        services.AddSingleton<DatabaseOptionsSetup>();
        services.AddSingleton<IConfigureOptions<DatabaseOptions>>(sp => sp.GetRequiredService<DatabaseOptionsSetup>());
        services.AddSingleton<IValidateOptions<DatabaseOptions>>(sp => sp.GetRequiredService<DatabaseOptionsSetup>());

        services.AddDbContext<SqliteCleanAuthDbContext>((sp, o) =>
            DbContextOptionsFactory.UseSqlite(o, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        services.AddDbContext<PostgresCleanAuthDbContext>((sp, o) =>
            DbContextOptionsFactory.UsePostgres(o, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        services.AddScoped<CleanAuthDbContext>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
        {
            DatabaseProvider.Postgres => sp.GetRequiredService<PostgresCleanAuthDbContext>(),
            _ => sp.GetRequiredService<SqliteCleanAuthDbContext>(),
        });

        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<ISessionRepository, SessionRepository>();
        services.AddHealthChecks().AddDbContextCheck<CleanAuthDbContext>("database", tags: [ReadyTag]);
    }

    private static void AddTokens(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<JwtOptions>, JwtOptionsDevelopmentDefaults>();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton<ITokenService, TokenService>();
        services.AddSingleton<RevokedSessionRegistry>();
        services.AddHostedService<RevokedSessionSync>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerOptionsSetup>();
    }
}
