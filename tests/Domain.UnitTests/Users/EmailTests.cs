using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;

namespace CleanAuth.Domain.UnitTests.Users;

public sealed class EmailTests
{
    [Theory]
    [InlineData("a@x.io")]
    [InlineData("alice@example.com")]
    [InlineData("first.last@example.com")]
    [InlineData("user+tag@sub.example.co.uk")]
    [InlineData("o'brien@example.org")]
    [InlineData("a_b-c@x-y.io")]
    [InlineData("user@xn--bcher-kva.example")]
    [InlineData("1234@example.com")]
    public void TryCreate_WhenAddressIsWellFormed_ShouldSucceed(string candidate)
    {
        Email.TryCreate(candidate, out var email).Should().BeTrue();
        email!.Value.Should().Be(candidate);
        Email.IsValid(candidate).Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a@b")]
    [InlineData("@x.io")]
    [InlineData("a@")]
    [InlineData("a")]
    [InlineData("Alice <a@x.io>")]
    [InlineData("\"alice\"@x.io")]
    [InlineData("a@@x.io")]
    [InlineData("a@b@x.io")]
    [InlineData(".a@x.io")]
    [InlineData("a.@x.io")]
    [InlineData("a..b@x.io")]
    [InlineData("a b@x.io")]
    [InlineData("a@x..io")]
    [InlineData("a@.x.io")]
    [InlineData("a@x.io.")]
    [InlineData("a@-x.io")]
    [InlineData("a@x-.io")]
    [InlineData("a@x_y.io")]
    [InlineData("a@x.i")]
    [InlineData("a@1.2.3.4")]
    [InlineData("a@[127.0.0.1]")]
    [InlineData("a@x.io\r\nBcc: v@y.io")]
    [InlineData("a@x.io\nBcc: v@y.io")]
    [InlineData("a\0@x.io")]
    [InlineData("a@x.io\0")]
    [InlineData("a@x\0.io")]
    [InlineData("a\t@x.io")]
    public void TryCreate_WhenAddressIsMalformed_ShouldFail(string candidate)
    {
        Email.TryCreate(candidate, out var email).Should().BeFalse();
        email.Should().BeNull();
        Email.IsValid(candidate).Should().BeFalse();
    }

    [Fact]
    public void TryCreate_WhenCandidateIsNull_ShouldFail() =>
        Email.TryCreate(null, out _).Should().BeFalse();

    [Theory]
    [InlineData("a@ex\u0430mple.com")] // Cyrillic a (U+0430)
    [InlineData("a@\u0435\u0445ample.com")] // Cyrillic e and x
    [InlineData("a@b\u00FCcher.de")]
    [InlineData("a@\u212Aelvin.com")] // Kelvin sign, which lower-cases to an ASCII 'k'
    [InlineData("a@\u0130stanbul.com")] // Latin capital I with dot above
    [InlineData("a@ex\u0131mple.com")] // dotless i
    [InlineData("a@example.\uFF43\uFF4F\uFF4D")] // full-width letters
    [InlineData("a@exa\u200Bmple.com")] // zero-width space
    [InlineData("\u00E4bc@example.com")]
    [InlineData("\u212Aelvin@example.com")]
    public void TryCreate_WhenAddressHasNonAsciiCharacters_ShouldFail(string candidate) =>
        Email.TryCreate(candidate, out _).Should().BeFalse();

    [Theory]
    [InlineData("  a@x.io")]
    [InlineData("a@x.io  ")]
    [InlineData("  a@x.io  ")]
    public void Create_WhenAddressHasSurroundingSpaces_ShouldTrimThem(string candidate)
    {
        var email = Email.Create(candidate);

        email.Value.Should().Be("a@x.io");
        email.Normalized.Should().Be("a@x.io");
    }

    [Fact]
    public void Create_WhenAddressIs254Characters_ShouldSucceed()
    {
        var candidate = AddressOfLength(254);

        Email.Create(candidate).Value.Should().HaveLength(254);
    }

    [Theory]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(1000)]
    public void TryCreate_WhenAddressIsLongerThan254Characters_ShouldFail(int length) =>
        Email.TryCreate(AddressOfLength(length), out _).Should().BeFalse();

    [Fact]
    public void TryCreate_WhenLocalPartIsLongerThan64Characters_ShouldFail()
    {
        Email.TryCreate(new string('a', 64) + "@x.io", out _).Should().BeTrue();
        Email.TryCreate(new string('a', 65) + "@x.io", out _).Should().BeFalse();
    }

    [Fact]
    public void TryCreate_WhenDomainLabelIsLongerThan63Characters_ShouldFail()
    {
        Email.TryCreate("a@" + new string('b', 63) + ".io", out _).Should().BeTrue();
        Email.TryCreate("a@" + new string('b', 64) + ".io", out _).Should().BeFalse();
    }

    [Fact]
    public void Create_WhenAddressHasMixedCase_ShouldLowerCaseDomainInValueAndEverythingInNormalized()
    {
        var email = Email.Create("Alice.Smith@Example.COM");

        email.Value.Should().Be("Alice.Smith@example.com");
        email.Normalized.Should().Be("alice.smith@example.com");
        email.LocalPart.Should().Be("Alice.Smith");
        email.ToString().Should().Be("Alice.Smith@example.com");
    }

    [Fact]
    public void Create_WhenTwoCasingsOfOneAddressAreGiven_ShouldNormalizeEqual()
    {
        var first = Email.Create("Alice@Example.com");
        var second = Email.Create("aLICE@EXAMPLE.COM");

        first.Normalized.Should().Be(second.Normalized);
        Email.Normalize(" ALICE@example.Com ").Should().Be(first.Normalized);
    }

    [Fact]
    public void Create_WhenAddressIsInvalid_ShouldThrowDomainException()
    {
        var act = () => Email.Create("not an address");

        act.Should().Throw<DomainException>();
    }

    private static string AddressOfLength(int length)
    {
        // 64-character local part, then labels of at most 63 characters, ending in ".io".
        var local = new string('a', 64);
        var remaining = length - local.Length - 1 - ".io".Length;
        var labels = new List<string>();
        while (remaining > 0)
        {
            var size = Math.Min(63, remaining);
            if (remaining - size == 1)
            {
                size--; // never leave a single character for the separator alone
            }

            labels.Add(new string('b', size));
            remaining -= size;
            if (remaining > 0)
            {
                remaining--; // the '.' before the next label
            }
        }

        var address = $"{local}@{string.Join('.', labels)}.io";
        address.Length.Should().Be(length, "the helper must build an address of exactly the requested length");
        return address;
    }
}
