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
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure;

public static class DependencyInjection
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        AddPersistence(services, configuration, environment);
        AddTokens(services, configuration);
        services.AddPasswordSecurity(configuration);
        return services;
    }

    private static void AddPersistence(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(DatabaseOptions.SectionName);
        services.AddOptions<DatabaseOptions>().Bind(section);
        var database = section.Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Default");

        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString = string.IsNullOrWhiteSpace(connectionString)
                    ? $"Data Source={Path.Combine(environment.ContentRootPath, "data", "cleanauth.db")}"
                    : connectionString;
                services.AddDbContext<CleanAuthDbContext, SqliteCleanAuthDbContext>(o => DbContextOptionsFactory.UseSqlite(o, connectionString));
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("ConnectionStrings:Default is required when Database:Provider is Postgres.");
                }

                services.AddDbContext<CleanAuthDbContext, PostgresCleanAuthDbContext>(o => DbContextOptionsFactory.UsePostgres(o, connectionString));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{database.Provider}'.");
        }

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
