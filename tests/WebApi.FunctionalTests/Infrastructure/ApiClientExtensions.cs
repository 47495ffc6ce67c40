using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

public sealed record TestUser(string Email, string Username, string Password);

public sealed record TokenPair(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken);

public sealed record UserBody(
    Guid Id, string Email, string Username, string? FullName, bool IsActive, bool IsAdmin, bool EmailVerified, string? PendingEmail, string[] Roles, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record SessionBody(Guid Id, DateTime CreatedAt, DateTime LastUsedAt, DateTime ExpiresAt, string? IpAddress, string? UserAgent, bool Current);

public sealed record MessageBody(string Message);

/// <summary>The calls a REST client makes, against the real endpoints.</summary>
public static class ApiClientExtensions
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static TestUser NewUser()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return new TestUser($"user.{id}@example.com", $"user_{id}", $"violet-{Guid.NewGuid():N}"[..32]);
    }

    /// <summary>A strong password nobody has used yet.</summary>
    public static string NewPassword() => $"amber-{Guid.NewGuid():N}"[..32];

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body, CancellationToken cancellationToken = default) =>
        client.PostAsJsonAsync(path, body, Json, cancellationToken);

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, TestUser user, CancellationToken cancellationToken = default) =>
        client.PostJsonAsync("/api/v1/auth/register", new { email = user.Email, username = user.Username, password = user.Password }, cancellationToken);

    public static async Task<TestUser> RegisterNewUserAsync(this HttpClient client, CancellationToken cancellationToken = default)
    {
        var user = NewUser();
        var response = await client.RegisterAsync(user, cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(cancellationToken));
        return user;
    }

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, TestUser user, CancellationToken cancellationToken = default) =>
        client.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password }, cancellationToken);

    /// <summary>A login from a client that names itself in the User-Agent header.</summary>
    public static async Task<TokenPair> LoginTokensAsync(this HttpClient client, TestUser user, string userAgent, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email = user.Email, password = user.Password }, options: Json),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent).Should().BeTrue();
        var response = await client.SendAsync(request, cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
        return (await response.Content.ReadFromJsonAsync<TokenPair>(Json, cancellationToken))!;
    }

    public static async Task<TokenPair> LoginTokensAsync(this HttpClient client, TestUser user, CancellationToken cancellationToken = default)
    {
        var response = await client.LoginAsync(user, cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
        return (await response.Content.ReadFromJsonAsync<TokenPair>(Json, cancellationToken))!;
    }

    public static async Task<(TestUser User, TokenPair Tokens)> RegisterAndLoginAsync(this HttpClient client, CancellationToken cancellationToken = default)
    {
        var user = await client.RegisterNewUserAsync(cancellationToken);
        return (user, await client.LoginTokensAsync(user, cancellationToken));
    }

    public static Task<HttpResponseMessage> RefreshAsync(this HttpClient client, string refreshToken, CancellationToken cancellationToken = default) =>
        client.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = refreshToken }, cancellationToken);

    public static Task<HttpResponseMessage> GetMeAsync(this HttpClient client, string accessToken, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client.SendAsync(request, cancellationToken);
    }

    public static Task<HttpResponseMessage> LogoutAsync(this HttpClient client, string accessToken, object? body = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        return client.SendAsync(request, cancellationToken);
    }

    /// <summary>Any call with a bearer token and an optional JSON body (DELETE included).</summary>
    public static Task<HttpResponseMessage> SendAuthorizedAsync(this HttpClient client, HttpMethod method, string path, string? accessToken, object? body = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(method, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        return client.SendAsync(request, cancellationToken);
    }

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, TestUser user, string? inviteToken, CancellationToken cancellationToken = default) =>
        client.PostJsonAsync("/api/v1/auth/register", new { email = user.Email, username = user.Username, password = user.Password, invite_token = inviteToken }, cancellationToken);

    public static Task<HttpResponseMessage> GetSessionsAsync(this HttpClient client, string accessToken, CancellationToken cancellationToken = default) =>
        client.SendAuthorizedAsync(HttpMethod.Get, "/api/v1/auth/sessions", accessToken, cancellationToken: cancellationToken);

    public static async Task<SessionBody[]> ListSessionsAsync(this HttpClient client, string accessToken, CancellationToken cancellationToken = default)
    {
        var response = await client.GetSessionsAsync(accessToken, cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
        return await response.ReadAsync<SessionBody[]>(cancellationToken);
    }

    public static Task<HttpResponseMessage> DeleteSessionAsync(this HttpClient client, string accessToken, Guid sessionId, CancellationToken cancellationToken = default) =>
        client.SendAuthorizedAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{sessionId}", accessToken, cancellationToken: cancellationToken);

    public static Task<HttpResponseMessage> LogoutAllAsync(this HttpClient client, string accessToken, CancellationToken cancellationToken = default) =>
        client.SendAuthorizedAsync(HttpMethod.Post, "/api/v1/auth/logout-all", accessToken, cancellationToken: cancellationToken);

    public static Task<HttpResponseMessage> ChangePasswordAsync(this HttpClient client, string accessToken, string currentPassword, string newPassword, CancellationToken cancellationToken = default) =>
        client.SendAuthorizedAsync(HttpMethod.Post, "/api/v1/auth/password-change", accessToken, new { current_password = currentPassword, new_password = newPassword }, cancellationToken);

    public static Task<HttpResponseMessage> RequestPasswordResetAsync(this HttpClient client, string email, CancellationToken cancellationToken = default) =>
        client.PostJsonAsync("/api/v1/auth/password-reset-request", new { email }, cancellationToken);

    public static Task<HttpResponseMessage> ConfirmPasswordResetAsync(this HttpClient client, string token, string newPassword, CancellationToken cancellationToken = default) =>
        client.PostJsonAsync("/api/v1/auth/password-reset-confirm", new { token, new_password = newPassword }, cancellationToken);

    public static Task<HttpResponseMessage> RequestEmailVerificationAsync(this HttpClient client, string accessToken, CancellationToken cancellationToken = default) =>
        client.SendAuthorizedAsync(HttpMethod.Post, "/api/v1/auth/email-verification-request", accessToken, cancellationToken: cancellationToken);

    public static Task<HttpResponseMessage> ConfirmEmailVerificationAsync(this HttpClient client, string token, CancellationToken cancellationToken = default) =>
        client.PostJsonAsync("/api/v1/auth/email-verification-confirm", new { token }, cancellationToken);

    /// <summary>PUT /users/me with exactly the given fields (an anonymous object: absent fields are not sent).</summary>
    public static Task<HttpResponseMessage> UpdateMeAsync(this HttpClient client, string accessToken, object changes, CancellationToken cancellationToken = default) =>
        client.SendAuthorizedAsync(HttpMethod.Put, "/api/v1/users/me", accessToken, changes, cancellationToken);

    public static Task<HttpResponseMessage> DeleteMeAsync(this HttpClient client, string accessToken, string password, CancellationToken cancellationToken = default) =>
        client.SendAuthorizedAsync(HttpMethod.Delete, "/api/v1/users/me", accessToken, new { password }, cancellationToken);

    public static async Task<UserBody> GetMeBodyAsync(this HttpClient client, string accessToken, CancellationToken cancellationToken = default)
    {
        var response = await client.GetMeAsync(accessToken, cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
        return await response.ReadAsync<UserBody>(cancellationToken);
    }

    /// <summary>The session id (<c>sid</c>) an access token belongs to.</summary>
    public static Guid SessionId(this TokenPair tokens) => Guid.Parse(Jwt.Payload(tokens.AccessToken).GetProperty("sid").GetString()!);

    /// <summary>Asserts both of a session's tokens are dead: the access token at /users/me, the refresh token at /auth/refresh.</summary>
    public static async Task ShouldBeRevokedAsync(this HttpClient client, TokenPair tokens, string because, CancellationToken cancellationToken = default)
    {
        await (await client.GetMeAsync(tokens.AccessToken, cancellationToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", cancellationToken);
        (await client.RefreshAsync(tokens.RefreshToken, cancellationToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, because);
    }

    /// <summary>Asserts the session's access token still works, and its refresh token too (rotating it: the new pair is returned).</summary>
    public static async Task<TokenPair> ShouldBeLiveAsync(this HttpClient client, TokenPair tokens, string because, CancellationToken cancellationToken = default)
    {
        (await client.GetMeAsync(tokens.AccessToken, cancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK, because);
        var refreshed = await client.RefreshAsync(tokens.RefreshToken, cancellationToken);
        refreshed.StatusCode.Should().Be(HttpStatusCode.OK, because);
        return await refreshed.ReadAsync<TokenPair>(cancellationToken);
    }

    /// <summary>A problem body as JSON text without its trace_id, for "identical answers" comparisons.</summary>
    public static string WithoutTraceId(JsonElement problem) =>
        JsonSerializer.Serialize(problem.EnumerateObject().Where(p => p.Name != "trace_id").ToDictionary(p => p.Name, p => p.Value));

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, CancellationToken cancellationToken = default) =>
        (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;

    /// <summary>Asserts the one error shape: problem+json with status, title, the given code and a trace_id.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code, CancellationToken cancellationToken = default)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", text);
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("status").GetInt32().Should().Be((int)status);
        body.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        body.GetProperty("code").GetString().Should().Be(code, text);
        body.GetProperty("trace_id").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
        text.Should().NotContainAny("StackTrace", "   at ", "Exception", "Npgsql", "Microsoft.");
        return body;
    }
}
