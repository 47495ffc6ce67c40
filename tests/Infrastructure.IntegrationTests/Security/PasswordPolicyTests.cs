using System.Security.Cryptography;
using CleanAuth.Infrastructure.Security.Passwords;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.IntegrationTests.Security;

public sealed class PasswordPolicyTests
{
    private const string Strong15 = "Vq7#mZ2!pLx9@rT";

    /// <summary>Printable ASCII without look-alikes; random strings from it are strong by any measure.</summary>
    private const string StrongAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#$%^&*-_=+";

    /// <summary>Fifteen different emoji, each one code point outside the BMP (two UTF-16 units).</summary>
    private static readonly string[] s_emoji =
        ["😀", "🐱", "🚀", "🌍", "🎉", "🍕", "🔥", "💡", "🎸", "🌈", "🦄", "🍩", "🐙", "🎯", "🧩"];

    private readonly PasswordPolicy _policy = new(Options.Create(new PasswordOptions()));

    [Fact]
    public void Check_WhenPasswordIsAPassphraseOfCommonWords_ShouldAccept()
    {
        _policy.Check("correct horse battery staple", []).Should().BeEmpty();
    }

    [Theory]
    [InlineData("123456789012345")]
    [InlineData("passwordpassword")]
    [InlineData("qwertyuiopasdfgh")]
    [InlineData("iloveyou12345678")]
    [InlineData("aaaaaaaaaaaaaaaaaaaa")]
    [InlineData("P@ssw0rdP@ssw0rd")]
    public void Check_WhenPasswordIsCommonOrGuessable_ShouldRejectAsTooCommon(string password)
    {
        var reasons = _policy.Check(password, []);

        reasons.Should().ContainSingle().Which.Should().StartWith(PasswordPolicy.TooGuessableReason);
    }

    [Fact]
    public void Check_WhenPasswordIsBuiltFromTheServiceName_ShouldReject()
    {
        var reasons = _policy.Check("CleanAuthCleanAuth1", []);

        reasons.Should().Contain(PasswordPolicy.ContainsContextWordReason);
    }

    [Fact]
    public void Check_WhenPasswordRepeatsTheEmailLocalPart_ShouldReject()
    {
        var reasons = _policy.Check("jane.doejane.doe", ["jane.doe", "janed"]);

        reasons.Should().Contain(PasswordPolicy.ContainsContextWordReason);
    }

    [Fact]
    public void Check_WhenStrongPasswordContainsTheUsernameInOtherCase_ShouldReject()
    {
        var reasons = _policy.Check("Vq7#mZ2!MARGARETHAMILTON", ["MargaretHamilton"]);

        reasons.Should().Equal(PasswordPolicy.ContainsContextWordReason);
    }

    [Fact]
    public void Check_WhenContextWordsAreShortOrEmpty_ShouldNotRejectForThem()
    {
        _policy.Check("Vq7#mZ2!pLx9@rT", ["", null, "  ", "Vq"]).Should().BeEmpty();
    }

    [Fact]
    public void Check_WhenPasswordHas14Characters_ShouldRejectAsTooShort()
    {
        var reasons = _policy.Check(Strong15[..14], []);

        reasons.Should().Equal("Password must be at least 15 characters.");
    }

    [Fact]
    public void Check_WhenPasswordHas15Characters_ShouldAccept()
    {
        _policy.Check(Strong15, []).Should().BeEmpty();
    }

    [Fact]
    public void Check_WhenPasswordIs15Emoji_ShouldAcceptCountingCodePoints()
    {
        var password = string.Concat(s_emoji);
        password.Length.Should().Be(30, "each emoji is two UTF-16 units");

        _policy.Check(password, []).Should().BeEmpty();
    }

    [Fact]
    public void Check_WhenPasswordIs14Emoji_ShouldRejectAsTooShort()
    {
        var reasons = _policy.Check(string.Concat(s_emoji[..14]), []);

        reasons.Should().Equal("Password must be at least 15 characters.");
    }

    [Fact]
    public void Check_WhenPasswordHas256Characters_ShouldAccept()
    {
        _policy.Check(RandomNumberGenerator.GetString(StrongAlphabet, 256), []).Should().BeEmpty();
    }

    [Fact]
    public void Check_WhenPasswordHas257Characters_ShouldRejectAsTooLong()
    {
        var reasons = _policy.Check(RandomNumberGenerator.GetString(StrongAlphabet, 257), []);

        reasons.Should().Equal("Password must be at most 256 characters.");
    }

    [Fact]
    public void Check_WhenLengthChangesUnderNfkc_ShouldCountTheNormalizedForm()
    {
        // U+FB03 (the "ffi" ligature) is one code point that NFKC turns into three.
        var password = "Vq7#mZ2!pLx9\uFB03";

        _policy.Check(password, []).Should().BeEmpty("13 code points as typed are 15 after NFKC");
    }

    [Fact]
    public void Check_WhenMinLengthIsConfigured_ShouldUseIt()
    {
        var policy = new PasswordPolicy(Options.Create(new PasswordOptions { MinLength = 20 }));

        policy.Check(Strong15 + "Zk4%q", []).Should().BeEmpty();
        policy.Check(Strong15 + "Zk4%", []).Should().Equal("Password must be at least 20 characters.");
    }

    [Fact]
    public void Check_WhenPasswordIsNotWellFormedUnicode_ShouldReject()
    {
        _policy.Check("Vq7#mZ2!pLx9@rT\uD800", []).Should().Equal(PasswordPolicy.InvalidCharactersReason);
    }
}
