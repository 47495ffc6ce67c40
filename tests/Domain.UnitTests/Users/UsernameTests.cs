using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;

namespace CleanAuth.Domain.UnitTests.Users;

public sealed class UsernameTests
{
    [Theory]
    [InlineData("bob")]
    [InlineData("Alice")]
    [InlineData("alice_92")]
    [InlineData("a.b-c")]
    [InlineData("9lives")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")] // 32 characters
    public void IsValid_WhenNameFollowsTheRules_ShouldBeTrue(string candidate) =>
        Username.IsValid(candidate).Should().BeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")] // 33 characters
    [InlineData("_bob")]
    [InlineData(".bob")]
    [InlineData("-bob")]
    [InlineData("bob@example.com")]
    [InlineData("bob smith")]
    [InlineData(" bob")]
    [InlineData("bob\0")]
    [InlineData("bob\n")]
    [InlineData("b\u00F3b")]
    [InlineData("\u212Aelvin")] // Kelvin sign
    [InlineData("\u0430dmin")] // Cyrillic a
    public void IsValid_WhenNameBreaksTheRules_ShouldBeFalse(string candidate) =>
        Username.IsValid(candidate).Should().BeFalse();

    [Fact]
    public void IsValid_WhenNull_ShouldBeFalse() =>
        Username.IsValid(null).Should().BeFalse();

    [Fact]
    public void Create_WhenValid_ShouldKeepCasingAndLowerCaseNormalized()
    {
        var username = Username.Create("Alice_92");

        username.Value.Should().Be("Alice_92");
        username.Normalized.Should().Be("alice_92");
        username.ToString().Should().Be("Alice_92");
    }

    [Fact]
    public void Create_WhenTwoCasingsOfOneNameAreGiven_ShouldNormalizeEqual() =>
        Username.Create("ALICE").Normalized.Should().Be(Username.Create("alice").Normalized)
            .And.Be(Username.Normalize("AlIcE"));

    [Fact]
    public void Create_WhenInvalid_ShouldThrowDomainException()
    {
        var act = () => Username.Create("a@b");

        act.Should().Throw<DomainException>();
    }
}
