using CleanAuth.Application.Common.Options;

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

    [Theory]
    [InlineData(0, 15)]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 240)]
    [InlineData(5, 480)]
    [InlineData(6, 960)]
    [InlineData(7, 1440)] // 1920 minutes, capped
    [InlineData(8, 1440)]
    [InlineData(20, 1440)]
    [InlineData(1000, 1440)]
    [InlineData(int.MaxValue, 1440)]
    public void DurationAfter_WhenLockoutsRepeat_ShouldDoubleUpTo24Hours(int previousLockouts, int expectedMinutes) =>
        new LockoutOptions().Policy.DurationAfter(previousLockouts).Should().Be(TimeSpan.FromMinutes(expectedMinutes));

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
