// TEMPORARY (not committed): replaced by the hasher branch.
using CleanAuth.Application.Common.Interfaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
namespace CleanAuth.Infrastructure.Security.Passwords;
public static class PasswordSecurityRegistration
{
    public static IServiceCollection AddPasswordSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPasswordHasher, TempHasher>();
        services.AddSingleton<IPasswordPolicy, TempPolicy>();
        return services;
    }
}
internal sealed class TempHasher : IPasswordHasher
{
    public Task<string> HashAsync(string password, CancellationToken cancellationToken) => Task.FromResult("x" + password);
    public Task<PasswordVerification> VerifyAsync(string password, string passwordHash, CancellationToken cancellationToken) => Task.FromResult(passwordHash == "x" + password ? PasswordVerification.Succeeded : PasswordVerification.Failed);
    public Task VerifyAgainstDummyAsync(string password, CancellationToken cancellationToken) => Task.CompletedTask;
}
internal sealed class TempPolicy : IPasswordPolicy
{
    public IReadOnlyList<string> Check(string password, IEnumerable<string?> contextWords) => password.Length < 15 ? ["Password must be at least 15 characters."] : [];
}
