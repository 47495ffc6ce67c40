using System.Net;
using System.Text;
using CleanAuth.Domain.Users;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

public sealed class ErrorHandlingTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [InlineData("{\"email\": \"a@example.com\", \"password\": ")]
    [InlineData("{\"email\": 123, \"password\": true}")]
    [InlineData("[\"not\", \"an\", \"object\"]")]
    [InlineData("")]
    public async Task Post_WhenBodyIsMalformedJson_ShouldReturn400(string body)
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.PostAsync("/api/v1/auth/login", new StringContent(body, Encoding.UTF8, "application/json"), ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "MALFORMED_REQUEST", ct);
    }

    [Theory]
    [InlineData("{\"email\":\"a@example.com\",\"password\":\"whatever-password\"} ")]
    [InlineData("{\"email\":\"zo\u00eb@example.com\",\"password\":\"x\"}")]
    public async Task Post_WhenBodyCannotBeDecodedInItsDeclaredCharset_ShouldReturn400(string utf8Body)
    {
        // UTF-8 bytes declared as UTF-16: an odd byte count (or a lone surrogate) cannot be decoded at all.
        var ct = TestContext.Current.CancellationToken;
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(utf8Body));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-16");

        var response = await _client.PostAsync("/api/v1/auth/login", content, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "MALFORMED_REQUEST", ct);
    }

    public static TheoryData<string, string, string> ControlCharacterInputs() => new()
    {
        { "/api/v1/auth/login", """{"email":"ada\u0000@example.com","password":"whatever-password"}""", "email" },
        { "/api/v1/auth/login", """{"username":"ada\u0000","password":"whatever-password"}""", "username" },
        { "/api/v1/auth/login", """{"username":"\u0000","password":"whatever-password"}""", "username" },
        { "/api/v1/auth/login", """{"username":"ada\u0007lovelace","password":"whatever-password"}""", "username" },
        { "/api/v1/auth/login", """{"email":"ada@example.com\u202e","password":"whatever-password"}""", "email" },
        { "/api/v1/auth/register", """{"email":"ada\u0000@example.com","username":"ada-nul","password":"correct horse battery staple"}""", "email" },
        { "/api/v1/auth/register", """{"email":"ada-nul@example.com","username":"ada\u0000","password":"correct horse battery staple"}""", "username" },
        { "/api/v1/auth/register", """{"email":"ada-nul@example.com","username":"ada-nul","password":"correct horse battery staple","full_name":"Ada\u0000Lovelace"}""", "full_name" },
        { "/api/v1/auth/register", """{"email":"ada-nul@example.com","username":"ada-nul","password":"correct horse battery staple","full_name":"Ada \u202eecalevoL"}""", "full_name" },
        { "/api/v1/auth/password-reset-request", """{"email":"ada\u0000@example.com"}""", "email" },
        { "/api/v1/auth/refresh", """{"refresh_token":"abc\u0000def"}""", "refresh_token" },
        { "/api/v1/auth/email-verification-confirm", """{"token":"abc\u0000def"}""", "token" },
        { "/api/v1/auth/password-reset-confirm", """{"token":"abc\u0000def","new_password":"correct horse battery staple"}""", "token" },
    };

    [Theory]
    [MemberData(nameof(ControlCharacterInputs))]
    public async Task Post_WhenAnIdentifierHasAControlCharacter_ShouldReturn422NamingTheField(string path, string json, string field)
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Theory]
    [InlineData("ada\u0001x", "username")]
    [InlineData("ada\u001bx@example.com", "email")]
    public async Task LoginForm_WhenUsernameHasAControlCharacter_ShouldReturn422(string identifier, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = identifier, ["password"] = "whatever-password", ["grant_type"] = "password" });

        var response = await _client.PostAsync("/api/v1/auth/login-form", form, ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task LoginForm_WhenMultipartUsernameHasANulCharacter_ShouldReturn422()
    {
        var ct = TestContext.Current.CancellationToken;
        using var form = new MultipartFormDataContent { { new StringContent("ada\0x"), "username" }, { new StringContent("whatever-password"), "password" } };

        var response = await _client.PostAsync("/api/v1/auth/login-form", form, ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        problem.GetProperty("errors").TryGetProperty("username", out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task LoginForm_WhenUrlEncodedUsernameHasANulCharacter_ShouldReturn400Malformed()
    {
        // ASP.NET Core's form decoder refuses %00 itself (the body is not a valid form): a problem, never a 500.
        var ct = TestContext.Current.CancellationToken;
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "ada\0x", ["password"] = "whatever-password" });

        var response = await _client.PostAsync("/api/v1/auth/login-form", form, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "MALFORMED_REQUEST", ct);
    }

    [Theory]
    [InlineData("username", "ada\\u0000")]
    [InlineData("full_name", "Ada\\u0000Lovelace")]
    [InlineData("email", "ada\\u0000@example.com")]
    public async Task UpdateMe_WhenAFieldHasAControlCharacter_ShouldReturn422NamingTheField(string field, string escapedValue)
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);
        var json = $$"""{"{{field}}":"{{escapedValue}}","current_password":"{{user.Password}}"}""";
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/users/me") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        var response = await _client.SendAsync(request, ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task Post_WhenJsonIsNestedVeryDeeply_ShouldReturn400Quickly()
    {
        var ct = TestContext.Current.CancellationToken;
        var deep = "{\"email\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        var response = await _client.PostAsync("/api/v1/auth/login", new StringContent(deep, Encoding.UTF8, "application/json"), ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "MALFORMED_REQUEST", ct);
        (await _client.GetAsync("/health", ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Post_WhenMediaTypeIsNotJson_ShouldReturn415(string mediaType)
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.PostAsync("/api/v1/auth/register", new StringContent("email=a", Encoding.UTF8, mediaType), ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", ct);
    }

    [Fact]
    public async Task Post_WhenBodyIsOverTheLimit_ShouldReturn413WithoutHashing()
    {
        var ct = TestContext.Current.CancellationToken;
        var password = new string('p', 2 * 1024 * 1024);

        var response = await _client.PostJsonAsync("/api/v1/auth/login", new { email = "a@example.com", password }, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE", ct);
    }

    [Fact]
    public async Task Post_WhenChunkedBodyIsOverTheLimit_ShouldReturn413()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?> { ["Api:MaxRequestBodyBytes"] = "1024" });
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"email\":\"" + new string('a', 4096) + "\"}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = null;

        var response = await isolated.CreateClient().PostAsync("/api/v1/auth/login", content, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE", ct);
    }

    [Fact]
    public async Task Get_WhenRouteUnknown_ShouldReturn404Problem()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.GetAsync("/api/v1/nothing-here", ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND", ct);
    }

    [Fact]
    public async Task Request_WhenMethodNotAllowed_ShouldReturn405Problem()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.DeleteAsync("/api/v1/auth/login", ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED", ct);
    }

    [Fact]
    public async Task Request_WhenSomethingUnexpectedFails_ShouldReturn500WithoutInternals()
    {
        var ct = TestContext.Current.CancellationToken;
        var broken = Substitute.For<IUserRepository>();
        broken.FindByNormalizedEmailAsync(default!, ct).ReturnsForAnyArgs<Task<User?>>(_ => throw new InvalidOperationException("secret internal detail at Server=db;Password=hunter2"));
        await using var isolated = await ApiFixture.StartIsolatedAsync(configureServices: s => s.AddScoped(_ => broken));

        var response = await isolated.CreateClient().PostJsonAsync("/api/v1/auth/login", new { email = "a@example.com", password = "whatever-password" }, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError, "INTERNAL_ERROR", ct);
        (await response.Content.ReadAsStringAsync(ct)).Should().NotContain("secret").And.NotContain("hunter2").And.NotContain("InvalidOperation");
    }
}
