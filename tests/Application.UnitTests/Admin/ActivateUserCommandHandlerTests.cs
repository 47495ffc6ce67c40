using CleanAuth.Application.Admin.Commands.ActivateUser;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Users;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Admin;

public sealed class ActivateUserCommandHandlerTests
{
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddDays(1));
    private readonly User _user = TestData.NewUser();
    private readonly IUserRepository _users;
    private readonly ActivateUserCommandHandler _handler;

    public ActivateUserCommandHandlerTests()
    {
        _users = AdminFakes.Holding(_user);
        _handler = new ActivateUserCommandHandler(_users, _clock);
    }

    [Fact]
    public async Task Handle_WhenTheOwnerDeletedTheAccount_ShouldActivateItOnceUnderTheUserRowLock()
    {
        _user.DeleteAccount(TestData.Now.AddHours(1));
        _user.ClearDomainEvents();

        var result = await _handler.Handle(new ActivateUserCommand(_user.Id), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        _user.IsActive.Should().BeTrue();
        _user.DomainEvents.Should().ContainSingle().Which.Should().Be(new UserActivatedEvent(_user.Id, _clock.UtcNow));
        await _users.Received(1).TryLockAsync(_user, TestContext.Current.CancellationToken);
        await _users.DidNotReceiveWithAnyArgs().LockAdministratorsAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenTheUserIsActive_ShouldSucceedAndRecordNothing()
    {
        var result = await _handler.Handle(new ActivateUserCommand(_user.Id), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        _user.DomainEvents.Should().BeEmpty();
        _user.UpdatedAt.Should().Be(TestData.Now);
        await _users.DidNotReceiveWithAnyArgs().TryLockAsync(default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenNoUserHasTheId_ShouldReturnNotFound()
    {
        var result = await _handler.Handle(new ActivateUserCommand(Guid.CreateVersion7()), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.NotFound);
    }

    [Fact]
    public async Task Handle_WhenTheUserChangedSinceItWasRead_ShouldReturnConcurrentChangeAndStayInactive()
    {
        _user.Deactivate(TestData.Now.AddHours(1));
        _user.ClearDomainEvents();
        _users.TryLockAsync(_user, Arg.Any<CancellationToken>()).Returns(false);

        var result = await _handler.Handle(new ActivateUserCommand(_user.Id), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.ConcurrentCredentialChange);
        _user.IsActive.Should().BeFalse();
        _user.DomainEvents.Should().BeEmpty();
    }
}
