using CleanAuth.WebApi.Infrastructure;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>Unit tests of the edge settings: origins, addresses and ranges, their validators, the request-id rule, the policies built from them.</summary>
public sealed class EdgeSettingsTests
{
    [Theory]
    [InlineData("https://app.example.com", "https://app.example.com")]
    [InlineData("http://localhost:3000", "http://localhost:3000")]
    [InlineData("HTTPS://App.Example.COM", "https://app.example.com")]
    [InlineData("https://app.example.com:443", "https://app.example.com")]
    [InlineData("http://app.example.com:80", "http://app.example.com")]
    [InlineData("https://app.example.com:8443", "https://app.example.com:8443")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080")]
    [InlineData("http://[::1]:5173", "http://[::1]:5173")]
    [InlineData("https://bücher.example", "https://xn--bcher-kva.example")]
    [InlineData("capacitor://localhost", "capacitor://localhost")]
    public void Origin_WhenSchemeHostAndPort_ShouldParseToTheFormBrowsersSend(string value, string expected)
    {
        WebOrigins.TryParse(value, out var origin).Should().BeTrue(value);
        origin.Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("null")]
    [InlineData("app.example.com")]
    [InlineData("//app.example.com")]
    [InlineData("https://app.example.com/")]
    [InlineData("https://app.example.com/app")]
    [InlineData("https://app.example.com?x=1")]
    [InlineData("https://app.example.com#top")]
    [InlineData("https://user@app.example.com")]
    [InlineData("https://user:pw@app.example.com")]
    [InlineData("https://*.example.com")]
    [InlineData("https://app.example.com:")]
    [InlineData("https://app.example.com:99999")]
    [InlineData("https://app.example.com:-1")]
    [InlineData("https:app.example.com")]
    [InlineData(" https://app.example.com")]
    [InlineData("https://app.example.com ")]
    [InlineData("https://app example.com")]
    [InlineData("https://app.example.com\\")]
    [InlineData("https://%61pp.example.com")]
    [InlineData("file:///etc/passwd")]
    public void Origin_WhenNotSchemeHostAndPortAlone_ShouldBeRefused(string value)
    {
        WebOrigins.TryParse(value, out _).Should().BeFalse(value);
    }

    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5/32")]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("192.0.2.0/24", "192.0.2.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("255.255.255.255/32", "255.255.255.255/32")]
    [InlineData("::1", "::1/128")]
    [InlineData("fd00::/8", "fd00::/8")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1/32")]
    [InlineData("::/0", "::/0")]
    public void Network_WhenAnAddressOrCidrRange_ShouldParse(string value, string expected)
    {
        IpNetworks.TryParse(value, out var network, out var error).Should().BeTrue(error);
        network.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("proxy.internal")]
    [InlineData("10")]
    [InlineData("10.1")]
    [InlineData("10.0.0")]
    [InlineData("010.0.0.1")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("10.0.0.256")]
    [InlineData("10.0.0.1:8080")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/08")]
    [InlineData("10.0.0.0/+8")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("10.0.0.1/8")]
    [InlineData("fd00::1/8")]
    [InlineData("fd00::/129")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[::1]")]
    [InlineData(" 10.0.0.1")]
    public void Network_WhenNotAStrictAddressOrRange_ShouldBeRefusedSayingWhy(string value)
    {
        IpNetworks.TryParse(value, out _, out var error).Should().BeFalse(value);
        error.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("::/0", true)]
    [InlineData("::ffff:0.0.0.0/96", true)]
    [InlineData("::/64", true)]
    [InlineData("0.0.0.0/1", false)]
    [InlineData("10.0.0.0/8", false)]
    [InlineData("fd00::/8", false)]
    [InlineData("::ffff:10.0.0.0/104", false)]
    public void CoversEveryAddress_ShouldBeTrueForRangesHoldingAllOfIpv4OrIpv6(string range, bool expected)
    {
        IpNetworks.TryParse(range, out var network, out _).Should().BeTrue();
        IpNetworks.CoversEveryAddress(network).Should().Be(expected);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public void NetworkValidator_OutsideDevelopment_ShouldRefuseRangesTrustingEveryAddress(string environment)
    {
        var result = NetworkValidator(environment).Validate(null, new NetworkOptions { TrustedProxies = ["10.0.0.0/8", "0.0.0.0/0", "::/0"] });

        result.Failed.Should().BeTrue();
        result.Failures.Should().HaveCount(2).And.AllSatisfy(f => f.Should().StartWith("Network:TrustedProxies:"));
        result.FailureMessage.Should().Contain("'0.0.0.0/0'").And.Contain("'::/0'");
    }

    [Fact]
    public void NetworkValidator_InDevelopment_ShouldAcceptEveryAddressButNotAnInvalidEntry()
    {
        NetworkValidator("Development").Validate(null, new NetworkOptions { TrustedProxies = ["0.0.0.0/0", "::/0"] }).Succeeded.Should().BeTrue();

        var refused = NetworkValidator("Development").Validate(null, new NetworkOptions { TrustedProxies = ["10.0.0.1", "10.0.0.0/33", "nope"] });

        refused.Failures.Should().BeEquivalentTo([
            "Network:TrustedProxies:1 '10.0.0.0/33' has no valid prefix length (0 to 32 after the '/').",
            "Network:TrustedProxies:2 'nope' is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/8, fd00::/8).",
        ]);
    }

    [Fact]
    public void NetworkValidator_WhenAPlainValueStandsForTheList_ShouldRefuseIt()
    {
        var validator = NetworkValidator("Production", new() { ["Network:TrustedProxies"] = "10.0.0.1" });

        validator.Validate(null, new NetworkOptions()).FailureMessage.Should().Contain("Network:TrustedProxies is a list").And.Contain("Network__TrustedProxies__0=");
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    public void NetworkValidator_WhenAspNetCoreTrustsEveryPeersForwardingHeaders_ShouldRefuseToStart(string value, bool refused)
    {
        var validator = NetworkValidator("Production", new() { ["FORWARDEDHEADERS_ENABLED"] = value });

        var result = validator.Validate(null, new NetworkOptions { TrustedProxies = ["10.0.0.0/8"] });

        result.Failed.Should().Be(refused);
        if (refused)
        {
            result.FailureMessage.Should().Contain("ASPNETCORE_FORWARDEDHEADERS_ENABLED").And.Contain("Network:TrustedProxies");
        }
    }

    [Fact]
    public void CorsValidator_ShouldAcceptNoneListedOrTheSingleStar()
    {
        CorsValidator(cookieMode: false).Validate(null, new CorsPolicyOptions()).Succeeded.Should().BeTrue();
        CorsValidator(cookieMode: false).Validate(null, new CorsPolicyOptions { AllowedOrigins = ["*"] }).Succeeded.Should().BeTrue();
        CorsValidator(cookieMode: true).Validate(null, new CorsPolicyOptions { AllowedOrigins = ["https://app.example.com", "http://localhost:3000"] }).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void CorsValidator_ShouldNameEveryEntryThatIsNotAnOrigin()
    {
        var result = CorsValidator(cookieMode: false).Validate(null, new CorsPolicyOptions { AllowedOrigins = ["https://ok.example", "https://app.example.com/", "app.example.com"] });

        result.Failures.Should().HaveCount(2);
        result.Failures.Should().Contain(f => f.StartsWith("Cors:AllowedOrigins:1 'https://app.example.com/' is not an origin", StringComparison.Ordinal));
        result.Failures.Should().Contain(f => f.StartsWith("Cors:AllowedOrigins:2 'app.example.com' is not an origin", StringComparison.Ordinal));
    }

    [Fact]
    public void CorsValidator_ShouldRefuseStarBesideOtherEntriesOrWithCookieMode()
    {
        CorsValidator(cookieMode: false).Validate(null, new CorsPolicyOptions { AllowedOrigins = ["*", "https://app.example.com"] })
            .FailureMessage.Should().Contain("Cors:AllowedOrigins lists '*' beside other entries");
        CorsValidator(cookieMode: true).Validate(null, new CorsPolicyOptions { AllowedOrigins = ["*"] })
            .FailureMessage.Should().Contain("Cors:AllowedOrigins '*' cannot be used with Auth:RefreshTokenCookie:Enabled");
    }

    [Fact]
    public void CorsValidator_ShouldRefuseCookieModeWithoutOrigins()
    {
        CorsValidator(cookieMode: true).Validate(null, new CorsPolicyOptions())
            .FailureMessage.Should().Contain("Auth:RefreshTokenCookie:Enabled needs Cors:AllowedOrigins");
    }

    [Fact]
    public void CorsPolicy_ForListedOrigins_ShouldMatchTheSerializedOriginsExactlyAndVaryByOrigin()
    {
        var policy = Policy(["HTTPS://App.Example.com:443", "http://localhost:3000"], cookieMode: false);

        policy.IsOriginAllowed("https://app.example.com").Should().BeTrue();
        policy.IsOriginAllowed("http://localhost:3000").Should().BeTrue();
        policy.IsOriginAllowed("https://App.Example.com").Should().BeFalse("browsers send origins serialized; nothing else matches");
        policy.IsOriginAllowed("https://app.example.com.evil.com").Should().BeFalse();
        policy.IsOriginAllowed("null").Should().BeFalse();
        policy.AllowAnyOrigin.Should().BeFalse();
        policy.SupportsCredentials.Should().BeFalse();
        policy.Methods.Should().Equal("GET", "POST", "PUT", "DELETE");
        policy.Headers.Should().Equal("Authorization", "Content-Type", "X-Request-ID", "X-CSRF", "traceparent");
        policy.ExposedHeaders.Should().Equal("X-Request-ID", "Retry-After");
        policy.PreflightMaxAge.Should().Be(TimeSpan.FromSeconds(600));
        Policy(["https://app.example.com"], cookieMode: true).SupportsCredentials.Should().BeTrue();
        Policy(["*"], cookieMode: false).AllowAnyOrigin.Should().BeTrue();
    }

    [Fact]
    public void ForwardedHeaders_ShouldTrustExactlyTheConfiguredProxiesAcrossAnyNumberOfHops()
    {
        var options = new NetworkOptions { TrustedProxies = ["10.0.0.0/8", "192.0.2.1", "fd00::/8"] };

        var forwarded = EdgeSecurity.ForwardedHeadersFrom(options.TrustedProxyNetworks());

        forwarded.KnownProxies.Should().BeEmpty("loopback is not trusted by default");
        forwarded.KnownIPNetworks.Select(n => n.ToString()).Should().Equal("10.0.0.0/8", "192.0.2.1/32", "fd00::/8");
        forwarded.ForwardLimit.Should().BeNull();
        forwarded.ForwardedHeaders.Should().Be(Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("AZaz09-_.:", true)]
    [InlineData("", false)]
    [InlineData(" a", false)]
    [InlineData("a/b", false)]
    [InlineData("a\nb", false)]
    [InlineData("é", false)]
    public void RequestId_ShouldAcceptOneToOneHundredTwentyEightAllowedCharacters(string value, bool accepted)
    {
        (RequestIdMiddleware.Accept(value) is not null).Should().Be(accepted, value);
        RequestIdMiddleware.Accept(new string('x', 128)).Should().NotBeNull();
        RequestIdMiddleware.Accept(new string('x', 129)).Should().BeNull();
        RequestIdMiddleware.Accept(new Microsoft.Extensions.Primitives.StringValues(["a", "b"])).Should().BeNull("two ids are none");
        RequestIdMiddleware.NewId().Should().MatchRegex("^[0-9a-f]{32}$");
    }

    private static NetworkOptionsValidator NetworkValidator(string environment, Dictionary<string, string?>? settings = null) =>
        new(new HostEnvironment(environment), new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());

    private static CorsPolicyOptionsValidator CorsValidator(bool cookieMode) =>
        new(Options.Create(new RefreshTokenCookieOptions { Enabled = cookieMode }), new ConfigurationBuilder().Build());

    private static CorsPolicy Policy(string[] origins, bool cookieMode)
    {
        var builder = new CorsPolicyBuilder();
        EdgeSecurity.ConfigureCorsPolicy(builder, new CorsPolicyOptions { AllowedOrigins = origins }, new RefreshTokenCookieOptions { Enabled = cookieMode });
        return builder.Build();
    }

    private sealed class HostEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "CleanAuth.WebApi";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
