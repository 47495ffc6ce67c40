using CleanAuth.Application.Common.Options;
using CleanAuth.Domain.LoginThrottling;

namespace CleanAuth.Application.UnitTests.Configuration;

public sealed class LockoutOptionsTests
{
    [Fact]
    public void Defaults_WhenNotConfigured_ShouldBeFiveAttemptsAndFifteenMinutes()
    {
        var options = new LockoutOptions();

        options.MaxFailedAttempts.Should().Be(5);
        options.Minutes.Should().Be(15);
        LockoutOptions.MaxDuration.Should().Be(TimeSpan.FromHours(24));
    }

    /// <summary>The doubling itself is the domain's (LoginThrottleTests); here: the defaults make the policy it doubles.</summary>
    [Fact]
    public void Policy_WhenNotConfigured_ShouldLockAfterFiveFailuresForFifteenMinutesDoublingUpTo24Hours() =>
        new LockoutOptions().Policy.Should().Be(new LockoutPolicy(5, TimeSpan.FromMinutes(15), TimeSpan.FromHours(24)));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(10, 1024)]
    [InlineData(11, 1440)]
    public void DurationAfter_WhenMinutesIsConfigured_ShouldStartThere(int previousLockouts, int expectedMinutes) =>
        new LockoutOptions { Minutes = 1 }.Policy.DurationAfter(previousLockouts).Should().Be(TimeSpan.FromMinutes(expectedMinutes));

    [Fact]
    public void DurationAfter_WhenTheFirstLockoutAlreadyExceedsTheCap_ShouldBeCapped() =>
        new LockoutOptions { Minutes = 3000 }.Policy.DurationAfter(0).Should().Be(LockoutOptions.MaxDuration);
}
