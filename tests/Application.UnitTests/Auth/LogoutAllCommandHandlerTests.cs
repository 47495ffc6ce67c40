using CleanAuth.Application.Auth.Commands.LogoutAll;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Sessions;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Auth;

public sealed class LogoutAllCommandHandlerTests
{
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddHours(2));
    private readonly Guid _userId = Guid.CreateVersion7();

    [Fact]
    public async Task Handle_WhenCalled_ShouldRevokeEveryLiveSessionOfTheCallerIncludingTheCurrentOne()
    {
        var current = TestData.NewSession(_userId, "rt-current");
        var other = TestData.NewSession(_userId, "rt-other");
        _sessions.ListActiveByUserAsync(_userId, _clock.UtcNow, Arg.Any<CancellationToken>()).Returns([current, other]);
        var events = new PendingEvents();
        var handler = new LogoutAllCommandHandler(AccountFakes.Caller(_userId, current.Id), _sessions, events, _clock);

        var result = await handler.Handle(new LogoutAllCommand(), TestContext.Current.CancellationToken);

        result.Should().Be(Unit.Value);
        events.TakeAll().Should().Equal(new AllSessionsEndedEvent(_userId, _clock.UtcNow));
        await _sessions.Received(1).ListActiveByUserAsync(_userId, _clock.UtcNow, TestContext.Current.CancellationToken);
        new[] { current, other }.Should().OnlyContain(s =>
            s.IsRevoked && s.RevocationReason == SessionRevocationReason.LogoutAll && s.RevokedAt == _clock.UtcNow);
    }

    [Fact]
    public async Task Handle_WhenTheCallerIsAnonymous_ShouldThrowUnauthenticated()
    {
        var handler = new LogoutAllCommandHandler(AccountFakes.Anonymous(), _sessions, new PendingEvents(), _clock);

        var act = () => handler.Handle(new LogoutAllCommand(), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
        _sessions.ReceivedCalls().Should().BeEmpty();
    }
}
