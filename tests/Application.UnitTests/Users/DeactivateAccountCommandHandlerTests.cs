using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Application.Users.Commands.DeactivateAccount;
using CleanAuth.Domain.Users;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Users;

public sealed class DeactivateAccountCommandHandlerTests
{
    private readonly IUserRepository _users = AccountFakes.LockableUsers();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddDays(1));
    private readonly User _user = TestData.NewUser();
    private readonly DeactivateAccountCommandHandler _handler;

    public DeactivateAccountCommandHandlerTests()
    {
        _users.GetByIdAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_user);
        _hasher.VerifyAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(PasswordVerification.Failed);
        _hasher.VerifyAsync(TestData.Password, TestData.StoredHash, Arg.Any<CancellationToken>()).Returns(PasswordVerification.Succeeded);
        _handler = new DeactivateAccountCommandHandler(AccountFakes.Caller(_user.Id, Guid.CreateVersion7()), _users, AccountFakes.Guard(_hasher, _clock), _clock);
    }

    [Fact]
    public async Task Handle_WhenThePasswordIsWrong_ShouldReturnWrongCurrentPasswordAndKeepTheAccount()
    {
        var result = await _handler.Handle(new DeactivateAccountCommand("not my password"), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.WrongCurrentPassword);
        _user.IsActive.Should().BeTrue();
        _user.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenThePasswordIsRight_ShouldDeleteTheAccountOnceUnderTheUserRowLock()
    {
        var result = await _handler.Handle(new DeactivateAccountCommand(TestData.Password), TestContext.Current.CancellationToken);

        result.Value.Should().Be(Unit.Value);
        _user.IsActive.Should().BeFalse();
        await _users.Received(1).TryLockAsync(_user, TestContext.Current.CancellationToken);
        _user.DomainEvents.Should().ContainSingle().Which.Should().Be(new AccountDeletedEvent(_user.Id, _clock.UtcNow),
            "every session ends with it (EndSessionsOnDeactivation)");
    }

    [Fact]
    public async Task Handle_WhenTheUserChangedSinceItWasRead_ShouldChangeNothing()
    {
        _users.TryLockAsync(_user, Arg.Any<CancellationToken>()).Returns(false);

        var result = await _handler.Handle(new DeactivateAccountCommand(TestData.Password), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.WrongCurrentPassword);
        _user.IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_WhenTheAccountIsAlreadyDeactivated_ShouldThrowUnauthenticated()
    {
        _user.Deactivate(TestData.Now.AddHours(1));

        var act = () => _handler.Handle(new DeactivateAccountCommand(TestData.Password), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
    }

    [Fact]
    public async Task Handle_WhenTheCallerIsTheLastActiveAdmin_ShouldReturnLastAdminAndKeepTheAccount()
    {
        _users.IsLastActiveAdminAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(true);

        var result = await _handler.Handle(new DeactivateAccountCommand(TestData.Password), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.LastAdmin);
        _user.IsActive.Should().BeTrue();
        _user.DomainEvents.Should().BeEmpty();
        await _users.DidNotReceiveWithAnyArgs().TryLockAsync(default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenThePasswordIsRight_ShouldCountAdminsUnderTheAdministratorsLockTakenBeforeTheUserRowLock()
    {
        await _handler.Handle(new DeactivateAccountCommand(TestData.Password), TestContext.Current.CancellationToken);

        Received.InOrder(() =>
        {
            _users.LockAdministratorsAsync(TestContext.Current.CancellationToken);
            _users.IsLastActiveAdminAsync(_user.Id, TestContext.Current.CancellationToken);
            _users.TryLockAsync(_user, TestContext.Current.CancellationToken);
        });
    }

    [Fact]
    public async Task Handle_WhenThePasswordIsWrong_ShouldNotTakeTheAdministratorsLock()
    {
        await _handler.Handle(new DeactivateAccountCommand("not my password"), TestContext.Current.CancellationToken);

        await _users.DidNotReceiveWithAnyArgs().LockAdministratorsAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenThePasswordIsRight_ShouldSettleTheAttemptBeforeItsFirstWrite()
    {
        var throttles = new InMemoryLoginThrottles();
        _users.LockAdministratorsAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            throttles.Calls.Add("lock administrators");
            return Task.CompletedTask;
        });
        var handler = new DeactivateAccountCommandHandler(AccountFakes.Caller(_user.Id, Guid.CreateVersion7()), _users, AccountFakes.Guard(_hasher, _clock, throttles), _clock);

        await handler.Handle(new DeactivateAccountCommand(TestData.Password), TestContext.Current.CancellationToken);

        var key = $"u:{_user.Id:D}";
        throttles.Calls.Should().Equal($"reserve {key}", $"clear alone {key}", "lock administrators");
    }
}
