using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Infrastructure.Security.Passwords;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace CleanAuth.Infrastructure.IntegrationTests.Security;

/// <summary>Start-up validation of the PasswordHashing and Password sections, and what AddPasswordSecurity registers.</summary>
public sealed class PasswordSecurityOptionsTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Validate_WhenMemoryBelowOwaspMinimumOutsideDevelopment_ShouldFailNamingTheSetting(string environment)
    {
        var result = HashingValidator(environment).Validate(null, new PasswordHashingOptions { MemoryKiB = 19455 });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("PasswordHashing:MemoryKiB must be at least 19456 outside Development and Testing");
    }

    [Fact]
    public void Validate_WhenIterationsBelowOwaspMinimumInProduction_ShouldFailNamingTheSetting()
    {
        var result = HashingValidator("Production").Validate(null, new PasswordHashingOptions { Iterations = 1 });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("PasswordHashing:Iterations must be at least 2 outside Development and Testing");
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public void Validate_WhenWeakButSaneCostInDevelopmentOrTesting_ShouldSucceed(string environment)
    {
        var result = HashingValidator(environment).Validate(null, new PasswordHashingOptions { MemoryKiB = 8, Iterations = 1, MaxQueued = 0 });

        result.Succeeded.Should().BeTrue(result.FailureMessage);
    }

    [Fact]
    public void Validate_WhenDefaultsInProduction_ShouldSucceed()
    {
        HashingValidator("Production").Validate(null, new PasswordHashingOptions()).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(7, 1, 0, "PasswordHashing:MemoryKiB must be at least 8")]
    [InlineData(8, 0, 0, "PasswordHashing:Iterations must be at least 1")]
    [InlineData(8, 1, -1, "PasswordHashing:MaxQueued must not be negative")]
    [InlineData(2_000_000, 1, 0, "PasswordHashing:MemoryKiB must be at most 1048576")]
    public void Validate_WhenValueIsNonsenseEvenInDevelopment_ShouldFailNamingTheSetting(
        int memoryKiB, int iterations, int maxQueued, string expected)
    {
        var options = new PasswordHashingOptions { MemoryKiB = memoryKiB, Iterations = iterations, MaxQueued = maxQueued };

        var result = HashingValidator("Development").Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(expected);
    }

    [Theory]
    [InlineData(7, "Password:MinLength must be at least 8")]
    [InlineData(0, "Password:MinLength must be at least 8")]
    [InlineData(257, "Password:MinLength must be at most 256")]
    public void Validate_WhenMinLengthIsOutOfRange_ShouldFailNamingTheSetting(int minLength, string expected)
    {
        var result = new PasswordOptionsValidator().Validate(null, new PasswordOptions { MinLength = minLength });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(expected);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(256)]
    public void Validate_WhenMinLengthIsInRange_ShouldSucceed(int minLength)
    {
        new PasswordOptionsValidator().Validate(null, new PasswordOptions { MinLength = minLength }).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("PasswordHashing:MemoryKiB", "1024", "PasswordHashing:MemoryKiB")]
    [InlineData("PasswordHashing:Iterations", "1", "PasswordHashing:Iterations")]
    [InlineData("Password:MinLength", "7", "Password:MinLength")]
    public async Task StartAsync_WhenProductionConfigurationIsWeak_ShouldRefuseToStart(string key, string value, string expected)
    {
        using var host = BuildHost("Production", new() { [key] = value });

        var act = () => host.StartAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(expected);
    }

    [Fact]
    public async Task StartAsync_WhenDevelopmentUsesWeakHashingCost_ShouldStartAndHashWithIt()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = BuildHost("Development", new() { ["PasswordHashing:MemoryKiB"] = "64", ["PasswordHashing:Iterations"] = "1" });

        await host.StartAsync(ct);
        var phc = await host.Services.GetRequiredService<IPasswordHasher>().HashAsync("development only", ct);
        await host.StopAsync(ct);

        phc.Should().StartWith("$argon2id$v=19$m=64,t=1,p=1$");
    }

    [Theory]
    [InlineData(null, typeof(LibsodiumArgon2id))]
    [InlineData("Libsodium", typeof(LibsodiumArgon2id))]
    [InlineData("Isopoh", typeof(IsopohArgon2id))]
    [InlineData("isopoh", typeof(IsopohArgon2id))]
    public void AddPasswordSecurity_WhenLibraryIsConfigured_ShouldRegisterThatAlgorithmAndSingletons(string? library, Type expected)
    {
        var settings = new Dictionary<string, string?>();
        if (library is not null)
        {
            settings["PasswordHashing:Library"] = library;
        }

        using var provider = BuildServices("Production", settings);

        provider.GetRequiredService<IArgon2idAlgorithm>().Should().BeOfType(expected);
        provider.GetRequiredService<IPasswordHasher>().Should().BeOfType<Argon2idPasswordHasher>()
            .And.BeSameAs(provider.GetRequiredService<IPasswordHasher>());
        provider.GetRequiredService<IPasswordPolicy>().Should().BeOfType<PasswordPolicy>()
            .And.BeSameAs(provider.GetRequiredService<IPasswordPolicy>());
    }

    [Fact]
    public void AddPasswordSecurity_WhenSectionsAreAbsent_ShouldUseDocumentedDefaults()
    {
        using var provider = BuildServices("Production", []);

        var hashing = provider.GetRequiredService<IOptions<PasswordHashingOptions>>().Value;
        hashing.Library.Should().Be(PasswordHashingLibrary.Libsodium);
        hashing.MemoryKiB.Should().Be(19456);
        hashing.Iterations.Should().Be(2);
        hashing.MaxQueued.Should().Be(64);
        provider.GetRequiredService<IOptions<PasswordOptions>>().Value.MinLength.Should().Be(15);
    }

    private static PasswordHashingOptionsValidator HashingValidator(string environmentName)
    {
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns(environmentName);
        return new PasswordHashingOptionsValidator(environment);
    }

    private static ServiceProvider BuildServices(string environmentName, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns(environmentName);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(environment);
        services.AddSingleton(TestMetrics.Unobserved); // AddApplication's
        services.AddPasswordSecurity(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static IHost BuildHost(string environmentName, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environmentName });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddSingleton(TestMetrics.Unobserved); // AddApplication's
        builder.Services.AddPasswordSecurity(builder.Configuration);
        return builder.Build();
    }
}
