using CleanAuth.Application.Auth.Commands.Logout;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Auth;

public sealed class LogoutCommandHandlerTests
{
    private readonly ICurrentUser _currentUser = Substitute.For<ICurrentUser>();
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly ITokenService _tokens = TokenServiceFake.Create();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddHours(2));
    private readonly LogoutCommandHandler _handler;
    private readonly User _alice = TestData.NewUser();
    private readonly User _bob = TestData.NewUser("bob@example.com", "bob");
    private readonly Session _current;

    public LogoutCommandHandlerTests()
    {
        _current = TestData.NewSession(_alice.Id, "rt-alice-laptop");
        Register(_current, "rt-alice-laptop");
        _currentUser.IsAuthenticated.Returns(true);
        _currentUser.UserId.Returns(_alice.Id);
        _currentUser.SessionId.Returns(_current.Id);
        _handler = new LogoutCommandHandler(_currentUser, _sessions, _tokens, _clock);
    }

    [Fact]
    public async Task Handle_WhenCalled_ShouldRevokeCurrentSessionForLogout()
    {
        var result = await _handler.Handle(new LogoutCommand(null), TestContext.Current.CancellationToken);

        result.Should().Be(Unit.Value);
        _current.IsRevoked.Should().BeTrue();
        _current.RevocationReason.Should().Be(SessionRevocationReason.Logout);
        _current.RevokedAt.Should().Be(_clock.UtcNow);
    }

    [Fact]
    public async Task Handle_WhenRefreshTokenBelongsToAnotherUsersSession_ShouldIgnoreIt()
    {
        var bobs = TestData.NewSession(_bob.Id, "rt-bob-phone");
        Register(bobs, "rt-bob-phone");

        await _handler.Handle(new LogoutCommand("rt-bob-phone"), TestContext.Current.CancellationToken);

        bobs.IsRevoked.Should().BeFalse();
        bobs.DomainEvents.Should().BeEmpty();
        _current.IsRevoked.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_WhenRefreshTokenBelongsToAnotherOfTheCallersSessions_ShouldRevokeThatSessionToo()
    {
        var phone = TestData.NewSession(_alice.Id, "rt-alice-phone");
        Register(phone, "rt-alice-phone");

        await _handler.Handle(new LogoutCommand("rt-alice-phone"), TestContext.Current.CancellationToken);

        phone.IsRevoked.Should().BeTrue();
        phone.RevocationReason.Should().Be(SessionRevocationReason.Logout);
        _current.IsRevoked.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_WhenRefreshTokenIsUnknown_ShouldStillRevokeCurrentSession()
    {
        await _handler.Handle(new LogoutCommand("rt-never-issued"), TestContext.Current.CancellationToken);

        _current.IsRevoked.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_WhenCurrentSessionIdPointsToAnotherUsersSession_ShouldLeaveItAlone()
    {
        var bobs = TestData.NewSession(_bob.Id, "rt-bob-phone");
        Register(bobs, "rt-bob-phone");
        _currentUser.SessionId.Returns(bobs.Id);

        await _handler.Handle(new LogoutCommand(null), TestContext.Current.CancellationToken);

        bobs.IsRevoked.Should().BeFalse();
    }

    [Fact]
    public async Task Handle_WhenCallerIsNotAuthenticated_ShouldThrowUnauthenticated()
    {
        _currentUser.IsAuthenticated.Returns(false);
        _currentUser.UserId.Returns((Guid?)null);
        _currentUser.SessionId.Returns((Guid?)null);

        var act = () => _handler.Handle(new LogoutCommand(null), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
        _current.IsRevoked.Should().BeFalse();
    }

    private void Register(Session session, string refreshToken)
    {
        _sessions.GetByIdAsync(session.Id, Arg.Any<CancellationToken>()).Returns(session);
        _sessions.FindRefreshTokenAsync(TestData.Sha256(refreshToken), Arg.Any<CancellationToken>())
            .Returns(session.RefreshTokens.Single());
    }
}
