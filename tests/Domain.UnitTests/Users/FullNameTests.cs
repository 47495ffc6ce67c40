using CleanAuth.Domain.Users;

namespace CleanAuth.Domain.UnitTests.Users;

public sealed class FullNameTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Ada Lovelace")]
    [InlineData("Zo\u00EB Saldana-Perego")]
    [InlineData("\u5F20\u4F1F")]
    public void IsValid_WhenNameIsAbsentOrPlain_ShouldBeTrue(string? candidate) =>
        FullNameRule.IsValid(candidate).Should().BeTrue();

    [Fact]
    public void IsValid_WhenNameIsExactlyMaxLength_ShouldBeTrue() =>
        FullNameRule.IsValid(new string('a', FullNameRule.MaxLength)).Should().BeTrue();

    [Fact]
    public void IsValid_WhenNameIsLongerThanMaxLength_ShouldBeFalse() =>
        FullNameRule.IsValid(new string('a', FullNameRule.MaxLength + 1)).Should().BeFalse();

    [Theory]
    [InlineData("Ada\nLovelace")]
    [InlineData("Ada\r\nBcc: x@y.io")]
    [InlineData("Ada\0")]
    [InlineData("\tAda")]
    [InlineData("Ada\u007F")]
    [InlineData("Ada\u0085")]
    public void IsValid_WhenNameHasControlCharacters_ShouldBeFalse(string candidate) =>
        FullNameRule.IsValid(candidate).Should().BeFalse();
}
