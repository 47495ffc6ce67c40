using CleanAuth.WebApi.Cli;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// The built app as an operator runs it refuses to start on a bad <c>Metrics</c> or <c>Otel</c> setting: exit code 2
/// within seconds, one line naming the setting, before opening a port or touching the database (which here does not
/// even exist: any attempt would fail otherwise).
/// </summary>
public sealed class TelemetrySettingsStartupTests
{
    private const string Token = "metrics-scrape-test-token-0123456789abcdef";

    public static TheoryData<string, string, string, string[]> RefusedSettings() => new()
    {
        { "a bearer token under 32 characters", "Production", "Metrics:BearerToken", ["Metrics__BearerToken=0123456789abcdef0123456789abcde"] },
        { "a bearer token with surrounding spaces", "Production", "Metrics:BearerToken", [$"Metrics__BearerToken= {Token} "] },
        { "a short token in Development too", "Development", "Metrics:BearerToken", ["Metrics__Enabled=true", "Metrics__BearerToken=short"] },
        { "a short token while metrics are off", "Production", "Metrics:BearerToken", ["Metrics__BearerToken=short"] },
        { "a network that is not an address", "Production", "Metrics:AllowedNetworks", [$"Metrics__BearerToken={Token}", "Metrics__AllowedNetworks__0=prometheus.internal"] },
        { "a range with bits beyond its prefix", "Production", "Metrics:AllowedNetworks", ["Metrics__AllowedNetworks__0=10.1.2.3/16"] },
        { "a prefix longer than the address", "Development", "Metrics:AllowedNetworks", ["Metrics__AllowedNetworks__0=10.0.0.0/33"] },
        { "networks as a plain value, not a list", "Production", "Metrics:AllowedNetworks", ["Metrics__AllowedNetworks=10.0.0.0/8"] },
        { "every address outside Development", "Production", "Metrics:AllowedNetworks", ["Metrics__Enabled=true", "Metrics__AllowedNetworks__0=0.0.0.0/0"] },
        { "metrics on with neither token nor network", "Production", "Metrics:BearerToken", ["Metrics__Enabled=true"] },
        { "metrics on with neither, in Staging", "Staging", "Metrics:BearerToken", ["Metrics__Enabled=true"] },
        { "an OTLP endpoint without a scheme", "Production", "Otel:Endpoint", ["Otel__Endpoint=collector:4318"] },
        { "an OTLP endpoint that is not http", "Production", "Otel:Endpoint", ["Otel__Endpoint=ftp://collector:4318"] },
        { "an OTLP endpoint with credentials", "Production", "Otel:Endpoint", ["Otel__Endpoint=http://user:secret@collector:4318"] },
    };

    [Theory]
    [MemberData(nameof(RefusedSettings))]
    public async Task Start_WhenATelemetrySettingIsRefused_ShouldExitWithinSecondsNamingIt(string kind, string environment, string setting, string[] variables)
    {
        var (exitCode, output, elapsed) = await SettingsRun.RunAsync(environment, variables);

        exitCode.Should().Be(ExitCodes.ConfigurationRefused, $"{kind}: {output}");
        output.Should().Contain("cannot start").And.Contain(setting, kind);
        output.Should().NotContain("   at ", "a refusal is one message, not a crash");
        output.Should().NotContain(Token, "a refusal never repeats the secret");
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "refused before any port or database is touched");
    }

    public static TheoryData<string, string, string[]> AcceptedSettings() => new()
    {
        { "a token", "Production", ["Metrics__Enabled=true", $"Metrics__BearerToken={Token}"] },
        { "networks", "Production", ["Metrics__Enabled=true", "Metrics__AllowedNetworks__0=10.0.0.0/8", "Metrics__AllowedNetworks__1=192.0.2.1", "Metrics__AllowedNetworks__2=fd00::/8"] },
        { "open in Development", "Development", ["Metrics__Enabled=true", "Metrics__AllowedNetworks__0=0.0.0.0/0"] },
        { "neither in Development", "Development", ["Metrics__Enabled=true"] },
        { "an OTLP endpoint", "Production", ["Otel__Endpoint=http://collector:4318"] },
        { "an OTLP endpoint with a path", "Production", ["Otel__Endpoint=https://otlp.example.com/otlp/"] },
    };

    [Theory]
    [MemberData(nameof(AcceptedSettings))]
    public async Task Migrate_WhenTelemetrySettingsAreValid_ShouldPassValidation(string kind, string environment, string[] variables)
    {
        var (exitCode, output, _) = await SettingsRun.RunAsync(environment, [.. variables, "Database__AllowSqliteInProduction=true"], "migrate", sqlite: true);

        exitCode.Should().Be(0, $"{kind}: {output}");
        output.Should().NotContain("cannot start");
    }
}
