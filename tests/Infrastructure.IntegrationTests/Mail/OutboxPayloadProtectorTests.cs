using System.Security.Cryptography;
using System.Text;
using CleanAuth.Infrastructure.Mail;
using CleanAuth.Infrastructure.Outbox;
using CleanAuth.Infrastructure.Security.Tokens;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.IntegrationTests.Mail;

public sealed class OutboxPayloadProtectorTests
{
    private static readonly MailContent s_content = new(
        "Reset your CleanAuth password",
        "Open https://auth.example.org/reset-password?token=secret-token-value — it works once. Ünïcödé ✓",
        "<p><a href=\"https://auth.example.org/reset-password?token=secret-token-value\">Choose a new password</a></p>");

    private readonly OutboxPayloadProtector _protector = Protector(1);

    [Fact]
    public void Unprotect_WhenGivenWhatProtectMade_ShouldReturnTheSameContent() =>
        _protector.Unprotect<MailContent>(_protector.Protect(s_content)).Should().Be(s_content);

    [Fact]
    public void Protect_WhenCalledTwiceWithTheSameContent_ShouldUseAFreshNonceEachTime()
    {
        var first = _protector.Protect(s_content);
        var second = _protector.Protect(s_content);

        first.Should().NotEqual(second);
        first[..12].Should().NotEqual(second[..12]);
    }

    [Fact]
    public void Protect_WhenTheContentHoldsAToken_ShouldNotContainItInTheClear()
    {
        var payload = _protector.Protect(s_content);

        payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes("secret-token-value")).Should().Be(-1);
        payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes("reset-password")).Should().Be(-1);
    }

    [Theory]
    [InlineData(0)] // nonce
    [InlineData(11)] // nonce, last byte
    [InlineData(12)] // tag
    [InlineData(27)] // tag, last byte
    [InlineData(28)] // ciphertext
    [InlineData(-1)] // ciphertext, last byte
    public void Unprotect_WhenAnyByteWasAltered_ShouldThrowCryptographicException(int index)
    {
        var payload = _protector.Protect(s_content);
        payload[index < 0 ? payload.Length + index : index] ^= 0x01;

        var act = () => _protector.Unprotect<MailContent>(payload);

        act.Should().Throw<CryptographicException>();
    }

    [Fact]
    public void Unprotect_WhenMadeUnderAnotherSigningKey_ShouldThrowCryptographicException()
    {
        var payload = Protector(2).Protect(s_content);

        var act = () => _protector.Unprotect<MailContent>(payload);

        act.Should().Throw<CryptographicException>();
    }

    [Fact]
    public void Unprotect_WhenMadeByAnotherInstanceUnderTheSameKey_ShouldSucceed() =>
        Protector(1).Unprotect<MailContent>(_protector.Protect(s_content)).Should().Be(s_content);

    [Theory]
    [InlineData(0)]
    [InlineData(27)]
    public void Unprotect_WhenThePayloadIsTruncated_ShouldThrowCryptographicException(int length)
    {
        var act = () => _protector.Unprotect<MailContent>(_protector.Protect(s_content)[..length]);

        act.Should().Throw<CryptographicException>();
    }

    [Fact]
    public void Unprotect_WhenTheCiphertextIsCutShort_ShouldThrowCryptographicException()
    {
        var payload = _protector.Protect(s_content);

        var act = () => _protector.Unprotect<MailContent>(payload[..^1]);

        act.Should().Throw<CryptographicException>();
    }

    private static OutboxPayloadProtector Protector(byte keyFill) =>
        new(Options.Create(new JwtOptions { SigningKey = Convert.ToBase64String(Enumerable.Repeat(keyFill, 32).ToArray()) }));
}
