using System.Security.Cryptography;
using System.Text;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.UnitTests.Common;

namespace CleanAuth.Domain.UnitTests.LoginThrottling;

public sealed class LoginThrottleTests
{
    [Fact]
    public void ForUser_WhenGivenAUserId_ShouldBeUColonAndTheDashedGuid()
    {
        var userId = Guid.Parse("0193e0a4-5b6c-7d8e-9f00-112233445566");

        LoginThrottle.ForUser(userId).Should().Be("u:0193e0a4-5b6c-7d8e-9f00-112233445566");
    }

    [Fact]
    public void ForIdentifier_WhenGivenAnIdentifier_ShouldBeIColonAnd64LowercaseHexOfItsSha256()
    {
        var key = LoginThrottle.ForIdentifier("nobody@example.com");

        key.Should().MatchRegex("^i:[0-9a-f]{64}$");
        key.Should().Be("i:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("nobody@example.com"))));
        key.Should().NotContain("nobody");
    }

    [Fact]
    public void ForIdentifier_WhenCalledTwice_ShouldBeStable() =>
        LoginThrottle.ForIdentifier("nobody@example.com").Should().Be(LoginThrottle.ForIdentifier("nobody@example.com"));

    [Theory]
    [InlineData("nobody@example.com", "nobody@example.org")]
    [InlineData("nobody", "nobody2")]
    [InlineData("nobody", "NOBODY")]
    public void ForIdentifier_WhenIdentifiersDiffer_ShouldDiffer(string first, string second) =>
        LoginThrottle.ForIdentifier(first).Should().NotBe(LoginThrottle.ForIdentifier(second));

    [Fact]
    public void Keys_WhenBuilt_ShouldFitTheKeyColumn()
    {
        LoginThrottle.ForUser(Guid.CreateVersion7()).Length.Should().BeLessThanOrEqualTo(LoginThrottle.MaxKeyLength);
        LoginThrottle.ForIdentifier(new string('x', 320)).Length.Should().BeLessThanOrEqualTo(LoginThrottle.MaxKeyLength);
    }

    [Fact]
    public void Constructor_WhenGivenAKey_ShouldStartWithNoFailuresAndNoLock()
    {
        var throttle = new LoginThrottle("u:x", TestData.Now);

        throttle.Key.Should().Be("u:x");
        throttle.FailedCount.Should().Be(0);
        throttle.LockoutCount.Should().Be(0);
        throttle.LockedUntil.Should().BeNull();
        throttle.LastFailureAt.Should().Be(TestData.Now);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Constructor_WhenTheKeyIsBlank_ShouldThrow(string key)
    {
        var act = () => new LoginThrottle(key, TestData.Now);

        act.Should().Throw<ArgumentException>();
    }

    private static readonly LockoutPolicy s_policy = new(3, TimeSpan.FromMinutes(15), TimeSpan.FromHours(24));

    [Fact]
    public void RecordFailure_BelowTheMaximum_ShouldCountAndLockNothing()
    {
        var throttle = new LoginThrottle("u:x", TestData.Now);

        throttle.RecordFailure(TestData.Now.AddMinutes(1), s_policy).Should().BeNull();
        throttle.RecordFailure(TestData.Now.AddMinutes(2), s_policy).Should().BeNull();

        throttle.FailedCount.Should().Be(2);
        throttle.LastFailureAt.Should().Be(TestData.Now.AddMinutes(2));
        throttle.LockRemaining(TestData.Now.AddMinutes(2)).Should().BeNull();
        throttle.HasFailures.Should().BeTrue();
    }

    [Fact]
    public void RecordFailure_ThatReachesTheMaximum_ShouldLockForTheDurationRestartTheCountAndDoubleTheNextLock()
    {
        var throttle = new LoginThrottle("u:x", TestData.Now);
        var at = TestData.Now.AddMinutes(5);

        throttle.RecordFailure(at, s_policy);
        throttle.RecordFailure(at, s_policy);
        var first = throttle.RecordFailure(at, s_policy);

        first.Should().Be(at.AddMinutes(15));
        throttle.FailedCount.Should().Be(0);
        throttle.LockoutCount.Should().Be(1);
        throttle.LockRemaining(at.AddMinutes(5)).Should().Be(TimeSpan.FromMinutes(10));
        throttle.LockRemaining(at.AddMinutes(15)).Should().BeNull("the lock ends at its time");

        var later = at.AddHours(1);
        throttle.RecordFailure(later, s_policy);
        throttle.RecordFailure(later, s_policy);
        throttle.RecordFailure(later, s_policy).Should().Be(later.AddMinutes(30), "each repeat doubles the lock");
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
    public void LockoutPolicy_DurationAfter_ShouldDoubleUpToTheMaximum(int previousLockouts, int minutes) =>
        s_policy.DurationAfter(previousLockouts).Should().Be(TimeSpan.FromMinutes(minutes));

    [Fact]
    public void LockoutPolicy_WhenNothingWouldLock_ShouldThrow()
    {
        var act = () => new LockoutPolicy(0, TimeSpan.FromMinutes(15), TimeSpan.FromHours(24));

        act.Should().Throw<CleanAuth.Domain.Common.DomainException>();
    }
}
