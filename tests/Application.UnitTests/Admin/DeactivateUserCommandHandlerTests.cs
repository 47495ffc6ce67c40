using CleanAuth.Application.Admin.Commands.DeactivateUser;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Users;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Admin;

public sealed class DeactivateUserCommandHandlerTests
{
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddDays(1));
    private readonly User _user = TestData.NewUser();
    private readonly IUserRepository _users;

    public DeactivateUserCommandHandlerTests() => _users = AdminFakes.Holding(_user);

    [Fact]
    public async Task Handle_WhenTheUserIsActive_ShouldDeactivateItOnceUnderBothLocksInTheirOrder()
    {
        var result = await Handler().Handle(new DeactivateUserCommand(_user.Id), TestContext.Current.CancellationToken);

        result.Value.Should().Be(Unit.Value);
        _user.IsActive.Should().BeFalse();
        _user.DomainEvents.Should().ContainSingle().Which.Should().Be(new UserDeactivatedEvent(_user.Id, _clock.UtcNow),
            "every session ends with it (EndSessionsOnDeactivation)");
        Received.InOrder(() =>
        {
            _users.LockAdministratorsAsync(TestContext.Current.CancellationToken);
            _users.GetByIdAsync(_user.Id, TestContext.Current.CancellationToken);
            _users.IsLastActiveAdminAsync(_user.Id, TestContext.Current.CancellationToken);
            _users.TryLockAsync(_user, TestContext.Current.CancellationToken);
        });
    }

    [Fact]
    public async Task Handle_WhenNoUserHasTheId_ShouldReturnNotFound()
    {
        var result = await Handler().Handle(new DeactivateUserCommand(Guid.CreateVersion7()), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.NotFound);
    }

    [Fact]
    public async Task Handle_WhenTheUserIsTheLastActiveAdmin_ShouldReturnLastAdminAndChangeNothing()
    {
        _users.IsLastActiveAdminAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(true);

        var result = await Handler().Handle(new DeactivateUserCommand(_user.Id), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.LastAdmin);
        _user.IsActive.Should().BeTrue();
        _user.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenTheLastActiveAdminDeactivatesThemself_ShouldAnswerLastAdminBeforeCannotModifySelf()
    {
        _users.IsLastActiveAdminAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(true);

        var result = await Handler(callerId: _user.Id).Handle(new DeactivateUserCommand(_user.Id), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.LastAdmin);
    }

    [Fact]
    public async Task Handle_WhenAnAdminDeactivatesThemself_ShouldReturnCannotModifySelf()
    {
        var result = await Handler(callerId: _user.Id).Handle(new DeactivateUserCommand(_user.Id), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.CannotModifySelf);
        _user.IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_WhenTheUserIsAlreadyInactive_ShouldSucceedAndRecordNothing()
    {
        _user.Deactivate(TestData.Now.AddHours(1));
        _user.ClearDomainEvents();

        var result = await Handler().Handle(new DeactivateUserCommand(_user.Id), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        _user.DomainEvents.Should().BeEmpty();
        _user.UpdatedAt.Should().Be(TestData.Now.AddHours(1));
        await _users.DidNotReceiveWithAnyArgs().TryLockAsync(default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenTheCredentialsChangedSinceTheUserWasRead_ShouldReturnConcurrentChangeAndChangeNothing()
    {
        _users.TryLockAsync(_user, Arg.Any<CancellationToken>()).Returns(false);

        var result = await Handler().Handle(new DeactivateUserCommand(_user.Id), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.ConcurrentCredentialChange);
        _user.IsActive.Should().BeTrue();
    }

    private DeactivateUserCommandHandler Handler(Guid? callerId = null) =>
        new(AdminFakes.Guards(_users, AdminFakes.Admin(callerId)), _users, _clock);
}
