using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

public sealed record TestUser(string Email, string Username, string Password);

public sealed record TokenPair(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken);

public sealed record UserBody(
    Guid Id, string Email, string Username, string? FullName, bool IsActive, bool IsAdmin, bool EmailVerified, string[] Roles, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>The calls a REST client makes, against the real endpoints.</summary>
public static class ApiClientExtensions
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static TestUser NewUser()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return new TestUser($"user.{id}@example.com", $"user_{id}", $"violet-{Guid.NewGuid():N}"[..32]);
    }

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
