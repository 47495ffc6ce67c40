using System.Security.Cryptography;
using System.Text;
using CleanAuth.Infrastructure.Mail;
using CleanAuth.Infrastructure.Security.Tokens;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NSubstitute;

namespace CleanAuth.Infrastructure.IntegrationTests.Security;

/// <summary>The Production-only refusals of Jwt:SigningKey and App:PublicBaseUrl, and the access-token time rules, in process.</summary>
public sealed class ProductionConfigurationTests
{
    [Fact]
    public void Validate_WhenProductionKeyIsRandom_ShouldPassEveryTime()
    {
        var validator = new JwtOptionsValidator(Environment("Production"));

        for (var i = 0; i < 1000; i++)
        {
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(JwtOptions.MinimumKeyBytes));
            validator.Validate(null, new JwtOptions { SigningKey = key }).Succeeded.Should().BeTrue(key);
        }
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Staging", true)]
    [InlineData("Testing", true)]
    [InlineData("Development", true)]
    public void Validate_WhenKeyIsAPassphrase_ShouldFailOnlyInProduction(string environment, bool accepted)
    {
        var key = Convert.ToBase64String(Encoding.ASCII.GetBytes("correct horse battery staple, typed by hand"));

        var result = new JwtOptionsValidator(Environment(environment)).Validate(null, new JwtOptions { SigningKey = key });

        result.Succeeded.Should().Be(accepted);
        if (!accepted)
        {
            result.FailureMessage.Should().Contain("Jwt:SigningKey").And.Contain("printable");
        }
    }

    [Theory]
    [InlineData("http://localhost:5000", false)]
    [InlineData("https://localhost.:8443", false)]
    [InlineData("https://api.localhost", false)]
    [InlineData("http://127.0.0.1", false)]
    [InlineData("http://127.255.0.9:8080", false)]
    [InlineData("http://[::1]", false)]
    [InlineData("http://[::ffff:127.0.0.1]", false)]
    [InlineData("http://0.0.0.0", false)]
    [InlineData("http://[::]", false)]
    [InlineData("https://auth.example.com", true)]
    [InlineData("https://localhost-auth.example.com", true)]
    [InlineData("https://10.0.0.5", true)]
    public void Validate_WhenProductionUrlPointsAtThisMachine_ShouldFailNamingTheSetting(string url, bool accepted)
    {
        var result = new AppOptionsValidator(Environment("Production")).Validate(null, new AppOptions { PublicBaseUrl = url });

        result.Succeeded.Should().Be(accepted, url);
        if (!accepted)
        {
            result.FailureMessage.Should().Contain("App:PublicBaseUrl");
        }
    }

    [Fact]
    public void Validate_WhenUrlIsLocalOutsideProduction_ShouldPass() =>
        new AppOptionsValidator(Environment("Testing")).Validate(null, new AppOptions { PublicBaseUrl = "http://localhost:5000" }).Succeeded.Should().BeTrue();

    [Fact]
    public void PostConfigure_WhenUnsetInDevelopmentOnly_ShouldFallBackToLocalhost()
    {
        var development = new AppOptions();
        var production = new AppOptions();

        new AppOptionsDevelopmentDefaults(Environment("Development")).PostConfigure(null, development);
        new AppOptionsDevelopmentDefaults(Environment("Production")).PostConfigure(null, production);

        development.PublicBaseUrl.Should().Be("http://localhost:5000");
        production.PublicBaseUrl.Should().BeNull();
        new AppOptionsValidator(Environment("Production")).Validate(null, production).FailureMessage.Should().Contain("App:PublicBaseUrl is required");
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void AccessToken_ShouldBeAcceptedUntilTheSecondItsExpiryPasses(int expiresInSeconds, bool accepted)
    {
        var now = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        var token = Token(now.AddMinutes(-5), now.AddSeconds(expiresInSeconds));

        JwtValidation.HasAcceptableHeaderAndTimes(token, now, JwtValidation.ClockSkew, TimeSpan.FromMinutes(10)).Should().Be(accepted);
    }

    private static JsonWebToken Token(DateTime issuedAt, DateTime expires)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var encoded = handler.CreateToken(new SecurityTokenDescriptor
        {
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = "x" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256),
        });
        return new JsonWebToken(encoded);
    }

    private static IHostEnvironment Environment(string name)
    {
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns(name);
        return environment;
    }
}
