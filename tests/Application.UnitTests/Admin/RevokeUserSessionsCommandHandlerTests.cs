using CleanAuth.Application.Admin.Commands.RevokeUserSessions;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Admin;

public sealed class RevokeUserSessionsCommandHandlerTests
{
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddHours(2));
    private readonly User _user = TestData.NewUser();
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly PendingEvents _events = new();
    private readonly RevokeUserSessionsCommandHandler _handler;

    public RevokeUserSessionsCommandHandlerTests() =>
        _handler = new RevokeUserSessionsCommandHandler(AdminFakes.Holding(_user), _sessions, _events, _clock);

    [Fact]
    public async Task Handle_WhenTheUserHasSessions_ShouldRevokeEachByAdminAndRecordTheActionOnce()
    {
        var laptop = TestData.NewSession(_user.Id, "rt-laptop");
        var phone = TestData.NewSession(_user.Id, "rt-phone");
        _sessions.ListActiveByUserAsync(_user.Id, _clock.UtcNow, Arg.Any<CancellationToken>()).Returns([laptop, phone]);

        var result = await _handler.Handle(new RevokeUserSessionsCommand(_user.Id), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        new[] { laptop, phone }.Should().OnlyContain(s =>
            s.IsRevoked && s.RevocationReason == SessionRevocationReason.RevokedByAdmin && s.RevokedAt == _clock.UtcNow);
        _events.TakeAll().Should().Equal(new AllSessionsEndedEvent(_user.Id, _clock.UtcNow));
        _user.DomainEvents.Should().BeEmpty("the account itself is unchanged");
    }

    [Fact]
    public async Task Handle_WhenNoUserHasTheId_ShouldReturnNotFoundAndRevokeNothing()
    {
        var result = await _handler.Handle(new RevokeUserSessionsCommand(Guid.CreateVersion7()), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.NotFound);
        await _sessions.DidNotReceiveWithAnyArgs().ListActiveByUserAsync(default, default, TestContext.Current.CancellationToken);
        _events.TakeAll().Should().BeEmpty();
    }
}
