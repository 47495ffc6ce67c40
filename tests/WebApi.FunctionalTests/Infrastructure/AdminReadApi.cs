using System.Net;
using System.Text.Json;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// What the admin read tests need: callers holding given roles, rows seeded through the app's own services (a scope and
/// a unit of work, as a request would write them), and the bodies of the admin read routes. Seeded aggregates drop their
/// domain events first, so no event handler writes rows of its own (audit entries included).
/// </summary>
public static class AdminReadApi
{
    public const string UsersPath = "/api/v1/admin/users";
    public const string RolesPath = "/api/v1/admin/roles";
    public const string StatsPath = "/api/v1/admin/stats";
    public const string AuditLogPath = "/api/v1/admin/audit-log";
    public const string SecurityEventsPath = "/api/v1/users/me/security-events";

    /// <summary>A newly registered account whose roles are then replaced by <paramref name="roles"/>, signed in afterwards.</summary>
    public static async Task<(TestUser User, Guid Id, TokenPair Tokens)> SignedInWithRolesAsync(
        this CleanAuthApiFactory factory, HttpClient client, string[] roles, CancellationToken cancellationToken)
    {
        var user = await client.RegisterNewUserAsync(cancellationToken);
        var id = await factory.InUnitOfWorkAsync(async services =>
        {
            var account = await services.GetRequiredService<IUserRepository>().FindByNormalizedEmailAsync(Email.Normalize(user.Email), cancellationToken);
            account!.ReplaceRoles(roles, DateTime.UtcNow);
            return account.Id;
        }, cancellationToken);
        return (user, id, await client.LoginTokensAsync(user, cancellationToken));
    }

    public static Task<(TestUser User, Guid Id, TokenPair Tokens)> SignedInAdminAsync(this CleanAuthApiFactory factory, HttpClient client, CancellationToken cancellationToken) =>
        factory.SignedInWithRolesAsync(client, [RoleName.Admin, RoleName.User], cancellationToken);

    /// <summary>Runs <paramref name="work"/> in a scope of the app's services inside its unit of work (committed).</summary>
    public static async Task<T> InUnitOfWorkAsync<T>(this CleanAuthApiFactory factory, Func<IServiceProvider, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().ExecuteAsync(() => work(scope.ServiceProvider), cancellationToken);
    }

    public static Task AddUsersAsync(this CleanAuthApiFactory factory, CancellationToken cancellationToken, params User[] users) =>
        factory.InUnitOfWorkAsync(services =>
        {
            var repository = services.GetRequiredService<IUserRepository>();
            foreach (var user in users)
            {
                user.ClearDomainEvents();
                repository.Add(user);
            }

            return Task.FromResult(users.Length);
        }, cancellationToken);

    public static Task AddSessionsAsync(this CleanAuthApiFactory factory, CancellationToken cancellationToken, params Session[] sessions) =>
        factory.InUnitOfWorkAsync(services =>
        {
            var repository = services.GetRequiredService<ISessionRepository>();
            foreach (var session in sessions)
            {
                session.ClearDomainEvents();
                repository.Add(session);
            }

            return Task.FromResult(sessions.Length);
        }, cancellationToken);

    public static Task AddAuditEntriesAsync(this CleanAuthApiFactory factory, CancellationToken cancellationToken, params AuditLogEntry[] entries) =>
        factory.InUnitOfWorkAsync(services =>
        {
            var repository = services.GetRequiredService<IAuditLogRepository>();
            foreach (var entry in entries)
            {
                repository.Add(entry);
            }

            return Task.FromResult(entries.Length);
        }, cancellationToken);

    /// <summary>An account built through the domain (password hash of a never-used password), for seeding lists.</summary>
    public static User NewAccount(
        string email, string username, DateTime createdAt, bool verified = false, string[]? roles = null, DateTime? lastLogin = null, bool active = true)
    {
        var user = User.Register(Email.Create(email), Username.Create(username), null, StoredHash, createdAt, verified, roles);
        if (lastLogin is { } at)
        {
            user.RecordLogin(at);
        }

        if (!active)
        {
            user.Deactivate(createdAt.AddMinutes(1));
        }

        return user;
    }

    public static Session NewSession(Guid userId, DateTime at, TimeSpan lifetime, TimeSpan idleTimeout) =>
        Session.Start(userId, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, '0'), at, lifetime, idleTimeout, "203.0.113.7", "seeded/1.0");

    public static async Task<T> GetOkAsync<T>(this HttpClient client, string path, string accessToken, CancellationToken cancellationToken)
    {
        var response = await client.SendAuthorizedAsync(HttpMethod.Get, path, accessToken, cancellationToken: cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
        return await response.ReadAsync<T>(cancellationToken);
    }

    /// <summary>Asserts a 422 VALIDATION_FAILED whose errors name exactly <paramref name="parameters"/>.</summary>
    public static async Task ShouldBeRefusedParametersAsync(this HttpResponseMessage response, CancellationToken cancellationToken, params string[] parameters)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", cancellationToken);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(parameters);
    }

    /// <summary>A one-off marker for names and emails, so a test's rows can be told apart in the shared database.</summary>
    public static string NewMarker() => $"q{Guid.NewGuid():N}"[..10];

    private const string StoredHash = "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";

    public sealed record PageOf<T>(T[] Items, int Total, int Page, int PageSize, int Pages);

    public sealed record UserItem(
        Guid Id, string Email, string Username, string? FullName, bool IsActive, bool IsAdmin, bool EmailVerified, string? PendingEmail, string[] Roles,
        DateTime CreatedAt, DateTime UpdatedAt, DateTime? LastLoginAt);

    public sealed record UserDetails(
        Guid Id, string Email, string Username, string? FullName, bool IsActive, bool IsAdmin, bool EmailVerified, string? PendingEmail, string[] Roles,
        DateTime CreatedAt, DateTime UpdatedAt, DateTime? LastLoginAt, int ActiveSessions);

    public sealed record Role(string Name, string[] Permissions);

    public sealed record Entry(
        Guid Id, DateTime OccurredAt, string EventType, Guid? UserId, Guid? ActorId, string? IpAddress, string? UserAgent, string? TraceId, JsonElement Details);
}
