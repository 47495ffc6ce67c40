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

        var session = Session.Start(s_userId, s_firstHash, s_now, s_lifetime, s_lifetime, null, userAgent);

        session.UserAgent.Should().HaveLength(Session.MaxUserAgentLength).And.Be(userAgent[..Session.MaxUserAgentLength]);
    }

    [Fact]
    public void Start_WhenIpAddressIsTooLong_ShouldTruncateIt()
    {
        var session = Session.Start(s_userId, s_firstHash, s_now, s_lifetime, s_lifetime, new string('1', 100), null);

        session.IpAddress.Should().HaveLength(Session.MaxIpAddressLength);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Start_WhenClientDetailsAreMissing_ShouldStoreNull(string? value)
    {
        var session = Session.Start(s_userId, s_firstHash, s_now, s_lifetime, s_lifetime, value, value);

        session.IpAddress.Should().BeNull();
        session.UserAgent.Should().BeNull();
    }

    [Fact]
    public void Start_WhenUserIdIsEmpty_ShouldThrowDomainException()
    {
        var act = () => Session.Start(Guid.Empty, s_firstHash, s_now, s_lifetime, s_lifetime, null, null);

        act.Should().Throw<DomainException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Start_WhenLifetimeIsNotPositive_ShouldThrowDomainException(int seconds)
    {
        var act = () => Session.Start(s_userId, s_firstHash, s_now, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds), null, null);

        act.Should().Throw<DomainException>();
    }

    [Theory]
    [InlineData(DateTimeKind.Local)]
    [InlineData(DateTimeKind.Unspecified)]
    public void Start_WhenNowIsNotUtc_ShouldThrow(DateTimeKind kind)
    {
        var act = () => Session.Start(s_userId, s_firstHash, DateTime.SpecifyKind(s_now, kind), s_lifetime, s_lifetime, null, null);

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
    public void Start_WithAnIdleTimeout_ShouldEndAfterItUnlessRefreshed()
    {
        var session = Session.Start(s_userId, s_firstHash, s_now, s_lifetime, TimeSpan.FromDays(7), null, null);

        session.IdleExpiresAt.Should().Be(s_now.AddDays(7));
        session.EndsAt.Should().Be(s_now.AddDays(7));
        session.IsActive(s_now.AddDays(7).AddTicks(-1)).Should().BeTrue();
        session.IsActive(s_now.AddDays(7)).Should().BeFalse();
    }

    [Fact]
    public void Start_WhenTheIdleTimeoutIsLongerThanTheLifetime_ShouldEndAtTheAbsoluteEnd()
    {
        var session = Session.Start(s_userId, s_firstHash, s_now, TimeSpan.FromDays(1), TimeSpan.FromDays(7), null, null);

        session.IdleExpiresAt.Should().Be(session.ExpiresAt);
        session.EndsAt.Should().Be(s_now.AddDays(1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Start_WhenTheIdleTimeoutIsNotPositive_ShouldThrow(int seconds)
    {
        var act = () => Session.Start(s_userId, s_firstHash, s_now, s_lifetime, TimeSpan.FromSeconds(seconds), null, null);

        act.Should().Throw<DomainException>();
    }

    [Fact]
    public void Rotate_ShouldRestartTheIdleTimeoutButNeverPastTheAbsoluteEnd()
    {
        var idle = TimeSpan.FromDays(7);
        var session = Session.Start(s_userId, s_firstHash, s_now, s_lifetime, idle, null, null);

        var second = session.Rotate(session.RefreshTokens.Single(), s_secondHash, s_now.AddDays(6), idle);
        session.IdleExpiresAt.Should().Be(s_now.AddDays(13));
        session.IsActive(s_now.AddDays(12)).Should().BeTrue();

        var token = second;
        foreach (var day in new[] { 12, 18, 24 })
        {
            token = session.Rotate(token, TestData.TokenHash($"day-{day}"), s_now.AddDays(day), idle);
        }

        session.IdleExpiresAt.Should().Be(session.ExpiresAt, "day 24 + 7 days would pass the absolute end on day 30");
    }

    [Fact]
    public void Rotate_WhenTheIdleTimeoutHasPassed_ShouldThrow()
    {
        var idle = TimeSpan.FromDays(7);
        var session = Session.Start(s_userId, s_firstHash, s_now, s_lifetime, idle, null, null);

        var act = () => session.Rotate(session.RefreshTokens.Single(), s_secondHash, s_now.AddDays(7), idle);

        act.Should().Throw<DomainException>();
    }

    [Fact]
    public void Rotate_WhenTokenIsLive_ShouldMarkItRotatedAndIssueSuccessor()
    {
        var session = NewSession();
        var presented = session.RefreshTokens.Single();
        var at = s_now.AddMinutes(20);

        var successor = session.Rotate(presented, s_secondHash, at, TimeSpan.FromDays(365));

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

        var second = session.Rotate(first, s_secondHash, s_now.AddDays(10), TimeSpan.FromDays(365));
        session.Rotate(second, s_thirdHash, s_now.AddDays(29), TimeSpan.FromDays(365));

        session.LastUsedAt.Should().Be(s_now.AddDays(29));
        session.ExpiresAt.Should().Be(expiresAt);
    }

    [Fact]
    public void Rotate_WhenTokenBelongsToAnotherSession_ShouldThrowAndLeaveTokenLive()
    {
        var session = NewSession();
        var other = NewSession();
        var foreign = other.RefreshTokens.Single();

        var act = () => session.Rotate(foreign, s_secondHash, s_now.AddMinutes(1), TimeSpan.FromDays(365));

        act.Should().Throw<DomainException>();
        foreign.IsRotated.Should().BeFalse();
        session.RefreshTokens.Should().HaveCount(1);
    }

    [Fact]
    public void Rotate_WhenTokenWasAlreadyRotated_ShouldThrow()
    {
        var session = NewSession();
        var presented = session.RefreshTokens.Single();
        session.Rotate(presented, s_secondHash, s_now.AddMinutes(1), TimeSpan.FromDays(365));

        var act = () => session.Rotate(presented, s_thirdHash, s_now.AddMinutes(2), TimeSpan.FromDays(365));

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

        var act = () => session.Rotate(presented, s_secondHash, s_now.AddMinutes(2), TimeSpan.FromDays(365));

        act.Should().Throw<DomainException>();
        presented.IsRotated.Should().BeFalse();
    }

    [Fact]
    public void Rotate_WhenSessionIsExpired_ShouldThrow()
    {
        var session = NewSession();
        var presented = session.RefreshTokens.Single();

        var act = () => session.Rotate(presented, s_secondHash, session.ExpiresAt, TimeSpan.FromDays(365));

        act.Should().Throw<DomainException>();
        presented.IsRotated.Should().BeFalse();
        session.LastUsedAt.Should().Be(s_now);
    }

    [Fact]
    public void Rotate_WhenPresentedIsNull_ShouldThrow()
    {
        var session = NewSession();

        var act = () => session.Rotate(null!, s_secondHash, s_now, TimeSpan.FromDays(365));

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
        session.DomainEvents.OfType<SessionRevokedEvent>().Should().ContainSingle()
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
        session.DomainEvents.OfType<SessionRevokedEvent>().Should().BeEmpty();
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
        Session.Start(s_userId, s_firstHash, s_now, s_lifetime, s_lifetime, "203.0.113.7", "Mozilla/5.0");
}
