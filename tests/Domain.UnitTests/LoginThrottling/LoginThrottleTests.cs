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
}
