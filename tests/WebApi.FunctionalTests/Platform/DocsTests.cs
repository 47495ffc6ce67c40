using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// <c>Docs:Enabled</c>: outside Development the OpenAPI document and the Swagger UI are off unless enabled, and then
/// answer like any unknown route (Development serves them by default: <see cref="StartupTests"/>).
/// </summary>
public sealed class DocsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public async Task Docs_WhenNotEnabledOutsideDevelopment_ShouldBeTheNotFoundProblemOfAnUnknownRoute(string? setting)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?> { ["Docs:Enabled"] = setting });
        var client = isolated.CreateClient();

        foreach (var path in new[] { "/openapi/v1.json", "/docs", "/docs/", "/docs/index.html", "/docs/swagger-ui-bundle.js" })
        {
            var problem = await (await client.GetAsync(path, ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND", ct);
            ApiClientExtensions.WithoutTraceId(problem).Should().Be(
                ApiClientExtensions.WithoutTraceId(await (await client.GetAsync("/no-such-page", ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND", ct)),
                $"{path} answers exactly like an unknown route");
        }
    }

    [Fact]
    public async Task Docs_WhenEnabledOutsideDevelopment_ShouldServeTheDocumentAndTheUi()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?> { ["Docs:Enabled"] = "true" });
        var client = isolated.CreateClient();

        (await client.GetAsync("/openapi/v1.json", ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/docs/index.html", ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
