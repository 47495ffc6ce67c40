using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Security.Passwords;

public static class PasswordSecurityRegistration
{
    /// <summary>
    /// Registers <see cref="IPasswordHasher"/> (Argon2id, library chosen by <c>PasswordHashing:Library</c>) and
    /// <see cref="IPasswordPolicy"/> as singletons, with the <c>PasswordHashing</c> and <c>Password</c> options
    /// validated at start-up. Needs an <see cref="Microsoft.Extensions.Hosting.IHostEnvironment"/> (the host provides one)
    /// and <see cref="Application.Common.Metrics.CleanAuthMetrics"/> (<c>AddApplication</c> registers it).
    /// </summary>
    public static IServiceCollection AddPasswordSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<PasswordHashingOptions, PasswordHashingOptionsValidator>(configuration, PasswordHashingOptions.SectionName);
        services.AddValidatedOptions<PasswordOptions, PasswordOptionsValidator>(configuration, PasswordOptions.SectionName);

        services.AddSingleton<IArgon2idAlgorithm>(sp =>
            sp.GetRequiredService<IOptions<PasswordHashingOptions>>().Value.Library switch
            {
                PasswordHashingLibrary.Isopoh => new IsopohArgon2id(),
                _ => new LibsodiumArgon2id(),
            });
        services.AddSingleton<IPasswordHasher, Argon2idPasswordHasher>();
        services.AddSingleton<IPasswordPolicy, PasswordPolicy>();
        return services;
    }
}
