using CleanAuth.Infrastructure.Mail;

namespace CleanAuth.Infrastructure.IntegrationTests.Mail;

public sealed class EmailOptionsTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(8, 640)]
    [InlineData(10, 2560)]
    [InlineData(11, 3600)] // 5120 s, capped
    [InlineData(1000, 3600)]
    [InlineData(int.MaxValue, 3600)]
    public void RetryDelay_WhenFailuresRepeat_ShouldDoubleFromTheBaseUpToTheMaximum(int failedAttempts, int expectedSeconds) =>
        new EmailOptions().RetryDelay(failedAttempts).Should().Be(TimeSpan.FromSeconds(expectedSeconds));

    [Fact]
    public void RetryDelay_WhenConfigured_ShouldFollowTheBaseAndTheMaximum()
    {
        var options = new EmailOptions { RetryBaseSeconds = 0.5, RetryMaxSeconds = 3 };

        options.RetryDelay(1).Should().Be(TimeSpan.FromSeconds(0.5));
        options.RetryDelay(3).Should().Be(TimeSpan.FromSeconds(2));
        options.RetryDelay(4).Should().Be(TimeSpan.FromSeconds(3));
    }
}
