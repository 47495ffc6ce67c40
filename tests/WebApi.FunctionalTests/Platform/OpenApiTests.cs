using System.Net;
using System.Text.Json;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

public sealed class OpenApiTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task OpenApiDocument_WhenFetched_ShouldDescribeEveryEndpointAndBothSecuritySchemes()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.GetAsync("/openapi/v1.json", ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/login-form", "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/users/me" })
        {
            paths.TryGetProperty(path, out _).Should().BeTrue(path);
        }

        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("Bearer").GetProperty("scheme").GetString().Should().Be("bearer");
        schemes.GetProperty("OAuth2PasswordBearer").GetProperty("flows").GetProperty("password").GetProperty("tokenUrl").GetString()
            .Should().Be("/api/v1/auth/login-form");
        paths.GetProperty("/api/v1/users/me").GetProperty("get").GetProperty("security").GetArrayLength().Should().BeGreaterThan(0);
        paths.GetProperty("/api/v1/auth/login").GetProperty("post").TryGetProperty("security", out _).Should().BeFalse();
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        schemas.GetProperty("TokenPairDto").GetProperty("properties").TryGetProperty("access_token", out _).Should().BeTrue("the contract is snake_case");
    }

    [Fact]
    public async Task SwaggerUi_WhenOpened_ShouldServeThePage()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.GetAsync("/docs/index.html", ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(ct)).Should().Contain("swagger-ui");
    }
}
