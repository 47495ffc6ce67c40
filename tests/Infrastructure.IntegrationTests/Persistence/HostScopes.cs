using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>Runs test work the way requests run: each in a scope of its own, writes inside the unit of work.</summary>
internal static class HostScopes
{
    public const string StoredHash = "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";

    /// <summary>Reads in a fresh scope, outside any transaction.</summary>
    public static async Task<T> ReadAsync<T>(this InfrastructureHost host, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = host.CreateScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Reads the database directly in a fresh scope.</summary>
    public static Task<T> QueryAsync<T>(this InfrastructureHost host, Func<CleanAuthDbContext, Task<T>> work) =>
        host.ReadAsync(services => work(services.GetRequiredService<CleanAuthDbContext>()));

    /// <summary>Runs <paramref name="work"/> in a fresh scope inside <see cref="IUnitOfWork.ExecuteAsync"/> (one transaction, committed).</summary>
    public static async Task<T> InUnitOfWorkAsync<T>(this InfrastructureHost host, Func<IServiceProvider, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var scope = host.CreateScope();
        var services = scope.ServiceProvider;
        return await services.GetRequiredService<IUnitOfWork>().ExecuteAsync(() => work(services), cancellationToken);
    }

    public static Task InUnitOfWorkAsync(this InfrastructureHost host, Action<IServiceProvider> work, CancellationToken cancellationToken) =>
        host.InUnitOfWorkAsync(services =>
        {
            work(services);
            return Task.FromResult(0);
        }, cancellationToken);

    /// <summary>Loads the account <paramref name="id"/>, applies <paramref name="change"/> and commits, as a command would.</summary>
    public static Task<int> ChangeUserAsync(this InfrastructureHost host, Guid id, Action<User> change, CancellationToken cancellationToken) =>
        host.InUnitOfWorkAsync(async services =>
        {
            change((await services.GetRequiredService<IUserRepository>().GetByIdAsync(id, cancellationToken))!);
            return 0;
        }, cancellationToken);

    /// <summary>A user with a proven address, so adding it queues no verification mail; <paramref name="emailVerified"/> false for one that does.</summary>
    public static User NewUser(DateTime now, string? name = null, bool emailVerified = true)
    {
        name ??= $"u{Guid.NewGuid():N}"[..20];
        return User.Register(Email.Create($"{name}@example.com"), Username.Create(name), null, StoredHash, now, emailVerified);
    }

    /// <summary>Adds users (committed), so rows that reference them can follow.</summary>
    public static Task AddUsersAsync(this InfrastructureHost host, CancellationToken cancellationToken, params User[] users) =>
        host.InUnitOfWorkAsync(services =>
        {
            var repository = services.GetRequiredService<IUserRepository>();
            foreach (var user in users)
            {
                repository.Add(user);
            }
        }, cancellationToken);
}
