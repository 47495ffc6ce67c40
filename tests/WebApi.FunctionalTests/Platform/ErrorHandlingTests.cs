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
