using CleanAuth.Domain.Common;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.UnitTests.Common;

namespace CleanAuth.Domain.UnitTests.Sessions;

public sealed class RefreshTokenTests
{
    private static readonly Guid s_userId = Guid.CreateVersion7();
    private static readonly TimeSpan s_lifetime = TimeSpan.FromDays(30);

    [Fact]
    public void Create_WhenHashIsSha256Hex_ShouldAcceptIt()
    {
        var hash = TestData.TokenHash("token");

        var session = Session.Start(s_userId, hash, TestData.Now, s_lifetime, s_lifetime, null, null);

        hash.Should().HaveLength(RefreshToken.HashLength);
        session.RefreshTokens.Single().TokenHash.Should().Be(hash);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(128)]
    public void Create_WhenHashHasWrongLength_ShouldThrowDomainException(int length)
    {
        var act = () => Session.Start(s_userId, new string('a', length), TestData.Now, s_lifetime, s_lifetime, null, null);

        act.Should().Throw<DomainException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WhenHashIsBlank_ShouldThrow(string hash)
    {
        var act = () => Session.Start(s_userId, hash, TestData.Now, s_lifetime, s_lifetime, null, null);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Rotate_WhenSuccessorHashHasWrongLength_ShouldThrowDomainException()
    {
        var session = Session.Start(s_userId, TestData.TokenHash("token"), TestData.Now, s_lifetime, s_lifetime, null, null);

        var act = () => session.Rotate(session.RefreshTokens.Single(), "too-short", TestData.Now.AddMinutes(1), TimeSpan.FromDays(365));

        act.Should().Throw<DomainException>();
        session.RefreshTokens.Should().HaveCount(1);
    }
}
