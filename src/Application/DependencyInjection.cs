using System.Reflection;
using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Behaviors;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Mappings;
using CleanAuth.Application.Common.Metrics;
using CleanAuth.Application.Common.Options;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanAuth.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the application's settings (Auth, Lockout), MediatR 5.1.0 by hand (it has no DI package here), the
    /// pipeline behaviors outermost first, every handler and validator of this assembly, and the AutoMapper profiles.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(configuration, AuthOptions.SectionName);
        services.AddValidatedOptions<LockoutOptions, LockoutOptionsValidator>(configuration, LockoutOptions.SectionName);
        services.AddValidatedOptions<AdminOptions, AdminOptionsValidator>(configuration, AdminOptions.SectionName);

        var assembly = typeof(DependencyInjection).Assembly;

        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();

        // MediatR wraps behaviors in reverse registration order: the first registered runs outermost.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(RequestLoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(RefusalRecordingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(PasswordHashingCapacityBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehavior<,>));

        AddHandlers(services, assembly);
        services.AddScoped<AccountTokenIssuer>();
        services.AddScoped<CredentialGuard>();
        services.AddScoped<ActiveUserViews>();
        services.AddSingleton<AttemptTurns>();
        services.AddScoped<Admin.Common.AdminUserReader>();
        services.AddScoped<Admin.Common.AdminChangeGuards>();
        services.AddScoped<PendingEvents>();
        services.AddScoped<DomainEventDispatcher>();
        // Validators hold no state (their one dependency, the password policy, is a singleton): build them once.
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddAutoMapper(MappingDefaults.Apply, assembly);
        services.TryAddSingleton(TimeProvider.System);
        // The host provides IMeterFactory (one meter per host, so hosts side by side never count into each other).
        services.AddSingleton<CleanAuthMetrics>();
        return services;
    }

    private static void AddHandlers(IServiceCollection services, Assembly assembly)
    {
        Type[] handlerInterfaces = [typeof(IRequestHandler<,>), typeof(INotificationHandler<>)];
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces())
            {
                if (contract.IsGenericType && handlerInterfaces.Contains(contract.GetGenericTypeDefinition()))
                {
                    services.AddScoped(contract, type);
                }
            }
        }
    }
}
