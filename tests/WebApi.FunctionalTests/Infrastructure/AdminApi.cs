using System.Net;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

public sealed record AdminUserBody(
    Guid Id, string Email, string Username, string? FullName, bool IsActive, bool IsAdmin, bool EmailVerified, string? PendingEmail,
    string[] Roles, DateTime CreatedAt, DateTime UpdatedAt, DateTime? LastLoginAt, int ActiveSessions);

public sealed record InvitationBody(string Token, string? Email, string[] Roles, DateTime ExpiresAt);

/// <summary>A signed-in account of a test, with its id.</summary>
public sealed record SignedIn(TestUser User, Guid Id, TokenPair Tokens);

/// <summary>The admin API's write routes, and accounts with the roles a test needs.</summary>
public static class AdminApi
{
    public const string Users = "/api/v1/admin/users";
    public const string Invitations = "/api/v1/admin/invitations";

    /// <summary>
    /// Settings that make the host create <paramref name="admin"/> at start-up (<c>Admin:*</c>) as its only admin, plus
    /// <paramref name="more"/>.
    /// </summary>
    public static Dictionary<string, string?> BootstrapSettings(TestUser admin, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(more ?? [])
        {
            ["Admin:Email"] = admin.Email,
            ["Admin:Username"] = admin.Username,
            ["Admin:Password"] = admin.Password,
        };
        return settings;
    }

    /// <summary>
    /// Gives the account with this email exactly <paramref name="roles"/>, through the domain in a unit of work on the
    /// host's own services (how an operator's tool would), so a test can have an admin or a guest on any host.
    /// </summary>
    public static async Task SetRolesAsync(this CleanAuthApiFactory host, string email, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<IUnitOfWork>().ExecuteAsync(async () =>
        {
            var user = await services.GetRequiredService<IUserRepository>().FindByNormalizedEmailAsync(Email.Normalize(email), cancellationToken);
            user.Should().NotBeNull(email);
            user!.ReplaceRoles(roles, DateTime.UtcNow);
            return 0;
        }, cancellationToken);
    }

    /// <summary>A new account holding <paramref name="roles"/>, signed in after they were given (its token carries them).</summary>
    public static async Task<SignedIn> SignInNewAsync(this CleanAuthApiFactory host, HttpClient client, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var user = await client.RegisterNewUserAsync(cancellationToken);
        if (!roles.SequenceEqual(["user"]))
        {
            await host.SetRolesAsync(user.Email, roles, cancellationToken);
        }

        var tokens = await client.LoginTokensAsync(user, cancellationToken);
        return new SignedIn(user, (await client.GetMeBodyAsync(tokens.AccessToken, cancellationToken)).Id, tokens);
    }

    public static Task<SignedIn> SignInNewAdminAsync(this CleanAuthApiFactory host, HttpClient client, CancellationToken cancellationToken) =>
        host.SignInNewAsync(client, ["admin", "user"], cancellationToken);

    public static Task<SignedIn> SignInNewUserAsync(this CleanAuthApiFactory host, HttpClient client, CancellationToken cancellationToken) =>
        host.SignInNewAsync(client, ["user"], cancellationToken);

    /// <summary>Signs in an account that exists already (e.g. the start-up admin) and reads its id.</summary>
    public static async Task<SignedIn> SignInAsync(this HttpClient client, TestUser user, CancellationToken cancellationToken)
    {
        var tokens = await client.LoginTokensAsync(user, cancellationToken);
        return new SignedIn(user, (await client.GetMeBodyAsync(tokens.AccessToken, cancellationToken)).Id, tokens);
    }

    public static Task<HttpResponseMessage> UpdateUserAsync(this HttpClient client, string? accessToken, Guid id, object body, CancellationToken cancellationToken) =>
        client.SendAuthorizedAsync(HttpMethod.Put, $"{Users}/{id}", accessToken, body, cancellationToken);

    public static Task<HttpResponseMessage> DeleteUserAsync(this HttpClient client, string? accessToken, Guid id, CancellationToken cancellationToken) =>
        client.SendAuthorizedAsync(HttpMethod.Delete, $"{Users}/{id}", accessToken, cancellationToken: cancellationToken);

    public static Task<HttpResponseMessage> ActivateUserAsync(this HttpClient client, string? accessToken, Guid id, CancellationToken cancellationToken) =>
        client.SendAuthorizedAsync(HttpMethod.Post, $"{Users}/{id}/activate", accessToken, cancellationToken: cancellationToken);

    public static Task<HttpResponseMessage> DeactivateUserAsync(this HttpClient client, string? accessToken, Guid id, CancellationToken cancellationToken) =>
        client.SendAuthorizedAsync(HttpMethod.Post, $"{Users}/{id}/deactivate", accessToken, cancellationToken: cancellationToken);

    public static Task<HttpResponseMessage> ReplaceRolesAsync(this HttpClient client, string? accessToken, Guid id, object? roles, CancellationToken cancellationToken) =>
        client.SendAuthorizedAsync(HttpMethod.Put, $"{Users}/{id}/roles", accessToken, new { roles }, cancellationToken);

    public static Task<HttpResponseMessage> RevokeUserSessionsAsync(this HttpClient client, string? accessToken, Guid id, CancellationToken cancellationToken) =>
        client.SendAuthorizedAsync(HttpMethod.Delete, $"{Users}/{id}/sessions", accessToken, cancellationToken: cancellationToken);

    public static Task<HttpResponseMessage> CreateInvitationAsync(this HttpClient client, string? accessToken, object body, CancellationToken cancellationToken) =>
        client.SendAuthorizedAsync(HttpMethod.Post, Invitations, accessToken, body, cancellationToken);

    /// <summary>Asserts a 200 admin user and returns it.</summary>
    public static async Task<AdminUserBody> ShouldBeAdminUserAsync(this HttpResponseMessage response, CancellationToken cancellationToken)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
        return await response.ReadAsync<AdminUserBody>(cancellationToken);
    }

    /// <summary>Asserts a 204 with no body.</summary>
    public static async Task ShouldBeNoContentAsync(this HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, text);
        text.Should().BeEmpty();
    }
}
