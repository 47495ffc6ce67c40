using CleanAuth.Application.Auth.Errors;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Sessions.Commands.RevokeSession;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Sessions;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Sessions;

public sealed class RevokeSessionCommandHandlerTests
{
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddHours(4));
    private readonly Guid _userId = Guid.CreateVersion7();
    private readonly Session _current;
    private readonly RevokeSessionCommandHandler _handler;

    public RevokeSessionCommandHandlerTests()
    {
        _current = Stored(TestData.NewSession(_userId, "rt-current"));
        _handler = new RevokeSessionCommandHandler(AccountFakes.Caller(_userId, _current.Id), _sessions, _clock);
    }

    [Fact]
    public async Task Handle_WhenTheSessionIsOneOfTheCallersLiveOnes_ShouldRevokeItForRevokedByUser()
    {
        var phone = Stored(TestData.NewSession(_userId, "rt-phone"));

        var result = await Revoke(phone.Id);

        result.Value.Should().Be(Unit.Value);
        phone.IsRevoked.Should().BeTrue();
        phone.RevocationReason.Should().Be(SessionRevocationReason.RevokedByUser);
        phone.RevokedAt.Should().Be(_clock.UtcNow);
        _current.IsRevoked.Should().BeFalse();
    }

    [Fact]
    public async Task Handle_WhenTheSessionIsTheCurrentOne_ShouldRevokeIt()
    {
        var result = await Revoke(_current.Id);

        result.IsSuccess.Should().BeTrue();
        _current.RevocationReason.Should().Be(SessionRevocationReason.RevokedByUser);
    }

    [Fact]
    public async Task Handle_WhenTheSessionBelongsToAnotherUser_ShouldAnswerSessionNotFoundAndLeaveItAlone()
    {
        var bobs = Stored(TestData.NewSession(Guid.CreateVersion7(), "rt-bob"));

        var result = await Revoke(bobs.Id);

        result.Error.Should().Be(AuthErrors.SessionNotFound);
        bobs.IsRevoked.Should().BeFalse();
        bobs.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenTheSessionIsAlreadyRevoked_ShouldAnswerSessionNotFoundAndKeepTheFirstReason()
    {
        var phone = Stored(TestData.NewSession(_userId, "rt-phone"));
        phone.Revoke(SessionRevocationReason.Logout, TestData.Now.AddHours(1));

        var result = await Revoke(phone.Id);

        result.Error.Should().Be(AuthErrors.SessionNotFound);
        phone.RevocationReason.Should().Be(SessionRevocationReason.Logout);
        phone.RevokedAt.Should().Be(TestData.Now.AddHours(1));
    }

    [Fact]
    public async Task Handle_WhenTheSessionHasExpired_ShouldAnswerSessionNotFound()
    {
        var old = Stored(TestData.NewSession(_userId, "rt-old", TestData.Now - TestData.SessionLifetime));

        var result = await Revoke(old.Id);

        result.Error.Should().Be(AuthErrors.SessionNotFound);
        old.IsRevoked.Should().BeFalse();
    }

    [Fact]
    public async Task Handle_WhenTheSessionIsUnknown_ShouldAnswerSessionNotFound()
    {
        var result = await Revoke(Guid.CreateVersion7());

        result.Error.Should().Be(AuthErrors.SessionNotFound);
    }

    [Fact]
    public async Task Handle_WhenTheCallerIsAnonymous_ShouldThrowUnauthenticated()
    {
        var handler = new RevokeSessionCommandHandler(AccountFakes.Anonymous(), _sessions, _clock);

        var act = () => handler.Handle(new RevokeSessionCommand(_current.Id), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
        _current.IsRevoked.Should().BeFalse();
    }

    private Session Stored(Session session)
    {
        _sessions.GetByIdAsync(session.Id, Arg.Any<CancellationToken>()).Returns(session);
        return session;
    }

    private Task<Application.Common.Results.Result<Unit>> Revoke(Guid sessionId) =>
        _handler.Handle(new RevokeSessionCommand(sessionId), TestContext.Current.CancellationToken);
}
