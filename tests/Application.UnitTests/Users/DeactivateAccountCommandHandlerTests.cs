using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Application.Users.Commands.DeactivateAccount;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Users;

public sealed class DeactivateAccountCommandHandlerTests
{
    private readonly IUserRepository _users = AccountFakes.LockableUsers();
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddDays(1));
    private readonly User _user = TestData.NewUser();
    private readonly Session _current;
    private readonly Session _other;
    private readonly DeactivateAccountCommandHandler _handler;

    public DeactivateAccountCommandHandlerTests()
    {
        _current = TestData.NewSession(_user.Id, "rt-current");
        _other = TestData.NewSession(_user.Id, "rt-other");
        _users.GetByIdAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_user);
        _sessions.ListActiveByUserAsync(_user.Id, Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns([_current, _other]);
        _hasher.VerifyAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(PasswordVerification.Failed);
        _hasher.VerifyAsync(TestData.Password, TestData.StoredHash, Arg.Any<CancellationToken>()).Returns(PasswordVerification.Succeeded);
        _handler = new DeactivateAccountCommandHandler(AccountFakes.Caller(_user.Id, _current.Id), _users, _sessions, AccountFakes.Guard(_hasher, _clock), _clock);
    }

    [Fact]
    public async Task Handle_WhenThePasswordIsWrong_ShouldReturnWrongCurrentPasswordAndKeepTheAccountAndSessions()
    {
        var result = await _handler.Handle(new DeactivateAccountCommand("not my password"), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.WrongCurrentPassword);
        _user.IsActive.Should().BeTrue();
        _user.DomainEvents.Should().BeEmpty();
        await _sessions.DidNotReceiveWithAnyArgs().ListActiveByUserAsync(default, default, TestContext.Current.CancellationToken);
        new[] { _current, _other }.Should().OnlyContain(s => !s.IsRevoked);
    }

    [Fact]
    public async Task Handle_WhenThePasswordIsRight_ShouldDeactivateTheAccountOnce()
    {
        var result = await _handler.Handle(new DeactivateAccountCommand(TestData.Password), TestContext.Current.CancellationToken);

        result.Value.Should().Be(Unit.Value);
        _user.IsActive.Should().BeFalse();
        _user.DomainEvents.Should().ContainSingle().Which.Should().Be(new UserDeactivatedEvent(_user.Id, _clock.UtcNow));
    }

    [Fact]
    public async Task Handle_WhenThePasswordIsRight_ShouldRevokeEverySessionIncludingTheCurrentOne()
    {
        await _handler.Handle(new DeactivateAccountCommand(TestData.Password), TestContext.Current.CancellationToken);

        new[] { _current, _other }.Should().OnlyContain(s =>
            s.IsRevoked && s.RevocationReason == SessionRevocationReason.AccountDeactivated && s.RevokedAt == _clock.UtcNow);
    }

    [Fact]
    public async Task Handle_WhenTheAccountIsAlreadyDeactivated_ShouldThrowUnauthenticated()
    {
        _user.Deactivate(TestData.Now.AddHours(1));

        var act = () => _handler.Handle(new DeactivateAccountCommand(TestData.Password), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
    }
}
