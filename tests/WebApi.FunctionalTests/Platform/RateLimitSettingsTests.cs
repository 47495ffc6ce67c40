using System.Threading.RateLimiting;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>Unit tests of the rate limits: the settings' validator, one client's window, Retry-After's rounding, what is never limited.</summary>
public sealed class RateLimitSettingsTests
{
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Validator_WhenDefaults_ShouldAccept()
    {
        new RateLimitingOptionsValidator().Validate(null, new RateLimitingOptions()).Succeeded.Should().BeTrue();
        new RateLimitingOptions().Should().BeEquivalentTo(new { Enabled = true, PerMinute = 300, AuthPerMinute = 10, RefreshPerMinute = 60 });
    }

    [Fact]
    public void Validator_WhenAnyLimitIsBelowOne_ShouldNameEachSetting()
    {
        var result = new RateLimitingOptionsValidator().Validate(null, new RateLimitingOptions { PerMinute = 0, AuthPerMinute = -1, RefreshPerMinute = 0, Enabled = false });

        result.Failed.Should().BeTrue("a limit below one is refused even while limits are off");
        result.Failures.Should().HaveCount(3);
        result.Failures.Should().ContainMatch("RateLimiting:PerMinute must be at least 1*")
            .And.ContainMatch("RateLimiting:AuthPerMinute must be at least 1*")
            .And.ContainMatch("RateLimiting:RefreshPerMinute must be at least 1*");
    }

    [Fact]
    public void Window_ShouldServeTheLimitThenRefuseWithTheTimeLeftUntilItEnds()
    {
        var clock = new StoppedClock();
        using var limiter = new FixedWindowLimiter(3, s_minute, clock);

        for (var i = 0; i < 3; i++)
        {
            limiter.AttemptAcquire().IsAcquired.Should().BeTrue();
        }

        clock.Advance(TimeSpan.FromSeconds(20));
        var refused = limiter.AttemptAcquire();

        refused.IsAcquired.Should().BeFalse();
        refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter).Should().BeTrue();
        retryAfter.Should().Be(TimeSpan.FromSeconds(40));
        limiter.GetStatistics()!.TotalFailedLeases.Should().Be(1);
        limiter.IdleDuration.Should().BeNull("the window is open");

        clock.Advance(TimeSpan.FromSeconds(40.5));
        limiter.IdleDuration.Should().Be(TimeSpan.FromSeconds(0.5), "the window ended: a partitioned limiter drops a limiter idle for long");
        limiter.AttemptAcquire().IsAcquired.Should().BeTrue("a new window opens with the next request");
        limiter.AttemptAcquire().IsAcquired.Should().BeTrue();
        limiter.AttemptAcquire().IsAcquired.Should().BeTrue();
        limiter.AttemptAcquire().TryGetMetadata(MetadataName.RetryAfter, out var full).Should().BeTrue();
        full.Should().Be(s_minute, "the window opened with the first request of this minute");
    }

    [Fact]
    public void Window_WhenTheClockIsSetBack_ShouldNotLastLongerThanOneWindow()
    {
        var clock = new StoppedClock();
        using var limiter = new FixedWindowLimiter(1, s_minute, clock);
        limiter.AttemptAcquire().IsAcquired.Should().BeTrue();

        clock.Advance(TimeSpan.FromHours(-1));

        limiter.AttemptAcquire().IsAcquired.Should().BeTrue("a window that would end more than a minute from now is over");
        limiter.AttemptAcquire().TryGetMetadata(MetadataName.RetryAfter, out var retryAfter).Should().BeTrue();
        retryAfter.Should().Be(s_minute);
    }

    [Fact]
    public async Task Window_WhenManyAcquireAtOnce_ShouldServeExactlyTheLimit()
    {
        using var limiter = new FixedWindowLimiter(100, s_minute, TimeProvider.System);
        var served = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 250; i++)
            {
                if (limiter.AttemptAcquire().IsAcquired)
                {
                    Interlocked.Increment(ref served);
                }
            }
        }, TestContext.Current.CancellationToken)));

        served.Should().Be(100);
        limiter.GetStatistics()!.TotalFailedLeases.Should().Be(1900);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.001, 1)]
    [InlineData(1, 1)]
    [InlineData(1.001, 2)]
    [InlineData(59.2, 60)]
    [InlineData(60, 60)]
    [InlineData(120, 60)]
    [InlineData(-5, 1)]
    public void RetryAfter_ShouldBeWholeSecondsRoundedUpFromOneToSixty(double seconds, int expected)
    {
        RateLimits.RetryAfterSeconds(TimeSpan.FromSeconds(seconds)).Should().Be(expected);
    }

    [Theory]
    [InlineData("GET", "/health", null, null, true)]
    [InlineData("GET", "/health/ready", null, null, true)]
    [InlineData("HEAD", "/HEALTH/", null, null, true)]
    [InlineData("GET", "/metrics", null, null, true)]
    [InlineData("OPTIONS", "/api/v1/auth/login", "https://app.example.com", "POST", true)]
    [InlineData("OPTIONS", "/api/v1/auth/login", null, "POST", false)]
    [InlineData("OPTIONS", "/api/v1/auth/login", "https://app.example.com", null, false)]
    [InlineData("POST", "/api/v1/auth/login", "https://app.example.com", "POST", false)]
    [InlineData("GET", "/health/other", null, null, false)]
    [InlineData("GET", "/healthz", null, null, false)]
    [InlineData("GET", "/api/v1/health", null, null, false)]
    [InlineData("GET", "/metrics/x", null, null, false)]
    public void Unlimited_ShouldBeHealthMetricsAndPreflightsOnly(string method, string path, string? origin, string? requestMethod, bool unlimited)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        if (requestMethod is not null)
        {
            context.Request.Headers.AccessControlRequestMethod = requestMethod;
        }

        RateLimits.IsUnlimited(context).Should().Be(unlimited);
    }
}
