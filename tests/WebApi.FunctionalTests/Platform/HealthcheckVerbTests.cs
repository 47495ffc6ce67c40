using System.Globalization;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// <c>healthcheck</c>, the container's <c>HEALTHCHECK</c>: asks a running server's <c>/health</c> on the address the
/// server's own environment names, with no other settings, and exits 0 (healthy) or 1.
/// </summary>
public sealed class HealthcheckVerbTests
{
    [Fact]
    public async Task Healthcheck_AgainstARunningServer_ShouldExitZeroOnTheAddressItsEnvironmentNames()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await RunningApp.StartAsync(ct);
        var port = app.Port.ToString(CultureInfo.InvariantCulture);

        foreach (var environment in new Dictionary<string, string>[]
        {
            new() { ["ASPNETCORE_HTTP_PORTS"] = port },                                       // the container images' way
            new() { ["ASPNETCORE_URLS"] = $"http://+:{port}" },                               // a wildcard host is asked on loopback
            new() { ["ASPNETCORE_URLS"] = $"https://+:1;http://0.0.0.0:{port}", ["ASPNETCORE_HTTP_PORTS"] = "1" }, // URLS wins, first http entry
        })
        {
            var (exitCode, stdout, stderr) = await AppProcess.RunAsync(environment, ["healthcheck"], ct);
            exitCode.Should().Be(0, $"{string.Join(", ", environment)}\nstdout:\n{stdout}\nstderr:\n{stderr}");
            stdout.Should().Contain("healthy: 200");
        }

        (await AppProcess.RunAsync(new Dictionary<string, string>(), ["healthcheck", "--url", $"http://127.0.0.1:{port}/health"], ct)).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Healthcheck_WhenNothingAnswersOrTheAnswerIsNotHealthy_ShouldExitOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await RunningApp.StartAsync(ct);

        var (nobody, _, nobodyError) = await AppProcess.RunAsync(new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = AppProcess.FreePort().ToString(CultureInfo.InvariantCulture) }, ["healthcheck"], ct);
        var (notFound, _, notFoundError) = await AppProcess.RunAsync(new Dictionary<string, string>(), ["healthcheck", "--url", $"http://127.0.0.1:{app.Port}/no-such-page"], ct);

        nobody.Should().Be(1, nobodyError);
        nobodyError.Should().Contain("unhealthy");
        notFound.Should().Be(1, notFoundError);
        notFoundError.Should().Contain("unhealthy: 404");
    }

    [Fact]
    public async Task Healthcheck_WhenTheUrlIsNotAnAbsoluteHttpUrl_ShouldExit64()
    {
        var (exitCode, _, stderr) = await AppProcess.RunAsync(new Dictionary<string, string>(), ["healthcheck", "--url", "localhost/health"], TestContext.Current.CancellationToken);

        exitCode.Should().Be(64);
        stderr.Should().Contain("--url");
    }
}
