using CleanAuth.Domain.Common;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.UnitTests.Common;

namespace CleanAuth.Domain.UnitTests.Sessions;

public sealed class SessionTests
{
    private static readonly DateTime s_now = TestData.Now;
    private static readonly TimeSpan s_lifetime = TimeSpan.FromDays(30);
    private static readonly Guid s_userId = Guid.CreateVersion7();
    private static readonly string s_firstHash = TestData.TokenHash("first");
    private static readonly string s_secondHash = TestData.TokenHash("second");
    private static readonly string s_thirdHash = TestData.TokenHash("third");

    [Fact]
    public void Start_WhenGivenValidData_ShouldExpireAfterLifetime()
    {
        var session = NewSession();

        session.Id.Should().NotBe(Guid.Empty);
        session.UserId.Should().Be(s_userId);
        session.CreatedAt.Should().Be(s_now);
        session.LastUsedAt.Should().Be(s_now);
        session.ExpiresAt.Should().Be(s_now + s_lifetime);
        session.IsRevoked.Should().BeFalse();
        session.RevokedAt.Should().BeNull();
        session.RevocationReason.Should().BeNull();
        session.IpAddress.Should().Be("203.0.113.7");
        session.UserAgent.Should().Be("Mozilla/5.0");
    }

    [Fact]
    public void Start_WhenGivenValidData_ShouldIssueFirstTokenWithoutParent()
    {
        var session = NewSession();

        var token = session.RefreshTokens.Should().ContainSingle().Subject;
        token.Id.Should().NotBe(Guid.Empty);
        token.SessionId.Should().Be(session.Id);
        token.Session.Should().BeSameAs(session);
        token.TokenHash.Should().Be(s_firstHash);
        token.ParentTokenId.Should().BeNull();
        token.CreatedAt.Should().Be(s_now);
        token.IsRotated.Should().BeFalse();
        token.RotatedAt.Should().BeNull();
    }

    [Fact]
    public void Start_WhenUserAgentIsTooLong_ShouldTruncateIt()
    {
        var userAgent = new string('u', Session.MaxUserAgentLength + 100);

        var session = Session.Start(s_userId, s_firstHash, s_now, s_lifetime, null, userAgent);

        session.UserAgent.Should().HaveLength(Session.MaxUserAgentLength).And.Be(userAgent[..Session.MaxUserAgentLength]);
    }

    [Fact]
    public void Start_WhenIpAddressIsTooLong_ShouldTruncateIt()
    {
        var session = Session.Start(s_userId, s_firstHash, s_now, s_lifetime, new string('1', 100), null);

        session.IpAddress.Should().HaveLength(Session.MaxIpAddressLength);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Start_WhenClientDetailsAreMissing_ShouldStoreNull(string? value)
    {
        var session = Session.Start(s_userId, s_firstHash, s_now, s_lifetime, value, value);

        session.IpAddress.Should().BeNull();
        session.UserAgent.Should().BeNull();
    }

    [Fact]
    public void Start_WhenUserIdIsEmpty_ShouldThrowDomainException()
    {
        var act = () => Session.Start(Guid.Empty, s_firstHash, s_now, s_lifetime, null, null);

        act.Should().Throw<DomainException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Start_WhenLifetimeIsNotPositive_ShouldThrowDomainException(int seconds)
    {
        var act = () => Session.Start(s_userId, s_firstHash, s_now, TimeSpan.FromSeconds(seconds), null, null);

        act.Should().Throw<DomainException>();
    }

    [Theory]
    [InlineData(DateTimeKind.Local)]
    [InlineData(DateTimeKind.Unspecified)]
    public void Start_WhenNowIsNotUtc_ShouldThrow(DateTimeKind kind)
    {
        var act = () => Session.Start(s_userId, s_firstHash, DateTime.SpecifyKind(s_now, kind), s_lifetime, null, null);

        act.Should().Throw<ArgumentException>().WithParameterName("now");
    }

    [Fact]
    public void IsActive_WhenBeforeExpiry_ShouldBeTrueAndFromExpiryOnFalse()
    {
        var session = NewSession();

        session.IsActive(s_now).Should().BeTrue();
        session.IsActive(session.ExpiresAt.AddTicks(-1)).Should().BeTrue();
        session.IsActive(session.ExpiresAt).Should().BeFalse();
        session.IsActive(session.ExpiresAt.AddDays(1)).Should().BeFalse();
    }

    [Fact]
    public void Rotate_WhenTokenIsLive_ShouldMarkItRotatedAndIssueSuccessor()
    {
        var session = NewSession();
        var presented = session.RefreshTokens.Single();
        var at = s_now.AddMinutes(20);

        var successor = session.Rotate(presented, s_secondHash, at);

        presented.IsRotated.Should().BeTrue();
        presented.RotatedAt.Should().Be(at);
        successor.ParentTokenId.Should().Be(presented.Id);
        successor.Id.Should().NotBe(presented.Id);
        successor.TokenHash.Should().Be(s_secondHash);
        successor.SessionId.Should().Be(session.Id);
        successor.CreatedAt.Should().Be(at);
        successor.IsRotated.Should().BeFalse();
        session.RefreshTokens.Should().HaveCount(2).And.Contain(successor);
    }

    [Fact]
    public void Rotate_WhenTokenIsLive_ShouldUpdateLastUsedAtButNeverExtendExpiry()
    {
        var session = NewSession();
        var expiresAt = session.ExpiresAt;
        var first = session.RefreshTokens.Single();

        var second = session.Rotate(first, s_secondHash, s_now.AddDays(10));
        session.Rotate(second, s_thirdHash, s_now.AddDays(29));

        session.LastUsedAt.Should().Be(s_now.AddDays(29));
        session.ExpiresAt.Should().Be(expiresAt);
    }

    [Fact]
    public void Rotate_WhenTokenBelongsToAnotherSession_ShouldThrowAndLeaveTokenLive()
    {
        var session = NewSession();
        var other = NewSession();
        var foreign = other.RefreshTokens.Single();

        var act = () => session.Rotate(foreign, s_secondHash, s_now.AddMinutes(1));

        act.Should().Throw<DomainException>();
        foreign.IsRotated.Should().BeFalse();
        session.RefreshTokens.Should().HaveCount(1);
    }

    [Fact]
    public void Rotate_WhenTokenWasAlreadyRotated_ShouldThrow()
    {
        var session = NewSession();
        var presented = session.RefreshTokens.Single();
        session.Rotate(presented, s_secondHash, s_now.AddMinutes(1));

        var act = () => session.Rotate(presented, s_thirdHash, s_now.AddMinutes(2));

        act.Should().Throw<DomainException>();
        presented.RotatedAt.Should().Be(s_now.AddMinutes(1));
        session.RefreshTokens.Should().HaveCount(2);
    }

    [Fact]
    public void Rotate_WhenSessionIsRevoked_ShouldThrow()
    {
        var session = NewSession();
        var presented = session.RefreshTokens.Single();
        session.Revoke(SessionRevocationReason.Logout, s_now.AddMinutes(1));

        var act = () => session.Rotate(presented, s_secondHash, s_now.AddMinutes(2));

        act.Should().Throw<DomainException>();
        presented.IsRotated.Should().BeFalse();
    }

    [Fact]
    public void Rotate_WhenSessionIsExpired_ShouldThrow()
    {
        var session = NewSession();
        var presented = session.RefreshTokens.Single();

        var act = () => session.Rotate(presented, s_secondHash, session.ExpiresAt);

        act.Should().Throw<DomainException>();
        presented.IsRotated.Should().BeFalse();
        session.LastUsedAt.Should().Be(s_now);
    }

    [Fact]
    public void Rotate_WhenPresentedIsNull_ShouldThrow()
    {
        var session = NewSession();

        var act = () => session.Rotate(null!, s_secondHash, s_now);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Revoke_WhenActive_ShouldRevokeAndRaiseEventWithReason()
    {
        var session = NewSession();
        var at = s_now.AddHours(2);

        session.Revoke(SessionRevocationReason.RefreshTokenReuse, at);

        session.IsRevoked.Should().BeTrue();
        session.RevokedAt.Should().Be(at);
        session.RevocationReason.Should().Be(SessionRevocationReason.RefreshTokenReuse);
        session.IsActive(at).Should().BeFalse();
        session.DomainEvents.Should().ContainSingle()
            .Which.Should().Be(new SessionRevokedEvent(session.Id, s_userId, SessionRevocationReason.RefreshTokenReuse, at));
    }

    [Fact]
    public void Revoke_WhenAlreadyRevoked_ShouldKeepFirstRevocationAndRaiseNoSecondEvent()
    {
        var session = NewSession();
        session.Revoke(SessionRevocationReason.Logout, s_now.AddHours(1));

        session.Revoke(SessionRevocationReason.RevokedByAdmin, s_now.AddHours(2));

        session.RevokedAt.Should().Be(s_now.AddHours(1));
        session.RevocationReason.Should().Be(SessionRevocationReason.Logout);
        session.DomainEvents.OfType<SessionRevokedEvent>().Should().ContainSingle()
            .Which.Reason.Should().Be(SessionRevocationReason.Logout);
    }

    [Fact]
    public void Revoke_WhenNowIsNotUtc_ShouldThrowAndStayActive()
    {
        var session = NewSession();

        var act = () => session.Revoke(SessionRevocationReason.Logout, DateTime.SpecifyKind(s_now, DateTimeKind.Local));

        act.Should().Throw<ArgumentException>();
        session.IsRevoked.Should().BeFalse();
        session.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public void Touch_WhenTimeMovesForward_ShouldUpdateLastUsedAtButNeverMoveItBack()
    {
        var session = NewSession();

        session.Touch(s_now.AddHours(1));
        session.Touch(s_now.AddMinutes(30));

        session.LastUsedAt.Should().Be(s_now.AddHours(1));
        session.ExpiresAt.Should().Be(s_now + s_lifetime);
    }

    private static Session NewSession() =>
        Session.Start(s_userId, s_firstHash, s_now, s_lifetime, "203.0.113.7", "Mozilla/5.0");
}
