using CleanAuth.Application.Common.Paging;
using CleanAuth.Application.Common.Validation;

namespace CleanAuth.Application.UnitTests.Common;

public sealed class QueryParametersTests
{
    [Theory]
    [InlineData("2026-12-01T09:30:00Z", "2026-12-01T09:30:00.0000000Z")]
    [InlineData("2026-12-01T10:30:00+01:00", "2026-12-01T09:30:00.0000000Z")]
    [InlineData("2026-12-01T04:00:00-05:30", "2026-12-01T09:30:00.0000000Z")]
    [InlineData("2026-12-01T09:30Z", "2026-12-01T09:30:00.0000000Z")]
    [InlineData("2026-12-01T09:30:00.1234567Z", "2026-12-01T09:30:00.1234567Z")]
    [InlineData("2026-12-01t09:30:00z", "2026-12-01T09:30:00.0000000Z")]
    public void TryParseInstant_WhenTheDateTimeCarriesZOrAnOffset_ShouldReturnTheInstantInUtc(string text, string expected)
    {
        QueryParameters.TryParseInstant(text, out var utc).Should().BeTrue();

        utc.Should().NotBeNull();
        utc!.Value.Kind.Should().Be(DateTimeKind.Utc);
        utc.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture).Should().Be(expected);
    }

    [Theory]
    [InlineData("2026-12-01T09:30:00")]
    [InlineData("2026-12-01")]
    [InlineData("2026-12-01 09:30:00Z")]
    [InlineData("2026-13-01T09:30:00Z")]
    [InlineData("2026-02-30T09:30:00Z")]
    [InlineData("2026-12-01T25:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("2026-12-01T09:30:00.12345678Z")]
    [InlineData("2026-12-01T09:30:00+0100")]
    [InlineData("1 Dec 2026 09:30 GMT")]
    [InlineData("٢٠٢٦-12-01T09:30:00Z")]
    [InlineData("")]
    [InlineData("yesterday")]
    public void TryParseInstant_WhenTheTextNamesNoInstant_ShouldRefuseIt(string text) =>
        QueryParameters.TryParseInstant(text, out _).Should().BeFalse();

    [Fact]
    public void TryParse_WhenTheParameterIsAbsent_ShouldAcceptItAsNoValue()
    {
        QueryParameters.TryParseInstant(null, out var instant).Should().BeTrue();
        QueryParameters.TryParseBoolean(null, out var flag).Should().BeTrue();
        QueryParameters.TryParseGuid(null, out var id).Should().BeTrue();

        instant.Should().BeNull();
        flag.Should().BeNull();
        id.Should().BeNull();
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void TryParseBoolean_WhenTrueOrFalse_ShouldParseIt(string text, bool expected)
    {
        QueryParameters.TryParseBoolean(text, out var value).Should().BeTrue();

        value.Should().Be(expected);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("True")]
    [InlineData(" true")]
    [InlineData("")]
    public void TryParseBoolean_WhenAnythingElse_ShouldRefuseIt(string text) =>
        QueryParameters.TryParseBoolean(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.0")]
    [InlineData("1e2")]
    [InlineData(" 1")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("2147483648")]
    [InlineData("١")]
    public void TryParsePage_WhenNotAWholeNumberOfAtLeastOne_ShouldRefuseIt(string text) =>
        PageRequest.TryParsePage(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-5")]
    [InlineData("ten")]
    public void TryParseSize_WhenOutsideOneToAHundred_ShouldRefuseIt(string text) =>
        PageRequest.TryParseSize(text, out _).Should().BeFalse();

    [Fact]
    public void Parse_WhenAbsent_ShouldGiveTheFirstPageOfTwenty() =>
        PageRequest.Parse(null, null).Should().Be(new PageRequest(1, 20));

    [Fact]
    public void Skip_WhenThePageIsFarPastAnyList_ShouldNotOverflow()
    {
        var page = PageRequest.Parse("2147483647", "100");

        page.Skip.Should().Be(2147483646L * 100);
        page.SkipOrMax.Should().Be(int.MaxValue);
    }

    [Fact]
    public void Validated_WhenTheValueWasNotValidated_ShouldThrow()
    {
        var act = () => PageRequest.Parse("zero", null);

        act.Should().Throw<InvalidOperationException>().WithMessage("*page*");
    }
}
