using CleanAuth.WebApi.Cli;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// The built app as an operator runs it refuses to start on a bad <c>Cors</c>, <c>Auth:RefreshTokenCookie</c>,
/// <c>Network</c> or <c>RateLimiting</c> setting: exit code 2 within seconds, one line naming the setting, before opening a port or touching
/// the database (which here does not even exist: any attempt would fail otherwise).
/// </summary>
public sealed class EdgeSettingsStartupTests
{
    public static TheoryData<string, string, string[]> RefusedSettings() => new()
    {
        { "an origin with a trailing slash", "Cors:AllowedOrigins", ["Cors__AllowedOrigins__0=https://app.example.com/"] },
        { "an origin with a path", "Cors:AllowedOrigins", ["Cors__AllowedOrigins__0=https://app.example.com/app"] },
        { "an origin without a scheme", "Cors:AllowedOrigins", ["Cors__AllowedOrigins__0=app.example.com"] },
        { "* beside an origin", "Cors:AllowedOrigins", ["Cors__AllowedOrigins__0=*", "Cors__AllowedOrigins__1=https://app.example.com"] },
        { "origins as a plain value, not a list", "Cors:AllowedOrigins", ["Cors__AllowedOrigins=https://app.example.com"] },
        { "* in cookie mode", "Auth:RefreshTokenCookie:Enabled", ["Cors__AllowedOrigins__0=*", "Auth__RefreshTokenCookie__Enabled=true"] },
        { "cookie mode without origins", "Auth:RefreshTokenCookie:Enabled", ["Auth__RefreshTokenCookie__Enabled=true"] },
        { "a proxy that is not an address", "Network:TrustedProxies", ["Network__TrustedProxies__0=proxy.internal"] },
        { "a range with bits beyond its prefix", "Network:TrustedProxies", ["Network__TrustedProxies__0=10.0.0.1/8"] },
        { "proxies as a plain value, not a list", "Network:TrustedProxies", ["Network__TrustedProxies=10.0.0.1"] },
        { "ASP.NET Core's own forwarded headers, which trust every peer", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", ["ASPNETCORE_FORWARDEDHEADERS_ENABLED=true"] },
        { "every IPv4 address as a proxy", "Network:TrustedProxies", ["Network__TrustedProxies__0=10.0.0.0/8", "Network__TrustedProxies__1=0.0.0.0/0"] },
        { "every IPv6 address as a proxy", "Network:TrustedProxies", ["Network__TrustedProxies__0=::/0"] },
        { "no request a minute over all routes", "RateLimiting:PerMinute", ["RateLimiting__PerMinute=0"] },
        { "no request a minute on an auth route", "RateLimiting:AuthPerMinute", ["RateLimiting__AuthPerMinute=0"] },
        { "a negative refresh limit", "RateLimiting:RefreshPerMinute", ["RateLimiting__RefreshPerMinute=-1"] },
        { "a limit below one while limits are off", "RateLimiting:AuthPerMinute", ["RateLimiting__Enabled=false", "RateLimiting__AuthPerMinute=0"] },
    };

    [Theory]
    [MemberData(nameof(RefusedSettings))]
    public async Task Start_WhenAnEdgeSettingIsRefused_ShouldExitWithinSecondsNamingIt(string kind, string setting, string[] variables)
    {
        var (exitCode, output, elapsed) = await RunAsync("Production", variables);

        exitCode.Should().Be(ExitCodes.ConfigurationRefused, $"{kind}: {output}");
        output.Should().Contain("cannot start").And.Contain(setting, kind);
        output.Should().NotContain("   at ", "a refusal is one message, not a crash");
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "refused before any port or database is touched");
    }

    [Fact]
    public async Task Migrate_WhenEdgeSettingsAreValid_ShouldPassValidation()
    {
        var settings = new[]
        {
            "Cors__AllowedOrigins__0=https://app.example.com",
            "Cors__AllowedOrigins__1=http://localhost:3000",
            "Auth__RefreshTokenCookie__Enabled=true",
            "Network__TrustedProxies__0=10.0.0.0/8",
            "Network__TrustedProxies__1=192.0.2.1",
            "Network__TrustedProxies__2=fd00::/8",
            "Network__TrustedProxies__3=0.0.0.0/0", // allowed in Development only
            "RateLimiting__PerMinute=1",
            "RateLimiting__AuthPerMinute=1",
            "RateLimiting__RefreshPerMinute=1",
        };

        var (exitCode, output, _) = await RunAsync("Development", settings, "migrate", sqlite: true);

        exitCode.Should().Be(0, output);
        output.Should().NotContain("cannot start");
    }

    private static Task<(int ExitCode, string Output, TimeSpan Elapsed)> RunAsync(string environmentName, string[] variables, string? verb = null, bool sqlite = false) =>
        SettingsRun.RunAsync(environmentName, variables, verb, sqlite);
}
