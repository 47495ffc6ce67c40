using CleanAuth.Application.Admin.Commands.DeleteUser;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Users;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Admin;

public sealed class DeleteUserCommandHandlerTests
{
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddDays(1));
    private readonly User _user = TestData.NewUser("Alice@Example.com");
    private readonly IUserRepository _users;
    private readonly IAccountTokenRepository _tokens = Substitute.For<IAccountTokenRepository>();
    private readonly PendingEvents _events = new();

    public DeleteUserCommandHandlerTests() => _users = AdminFakes.Holding(_user);

    [Fact]
    public async Task Handle_WhenAllowed_ShouldRemoveTheUserRetireInvitationsToItsAddressAndRaiseUserDeletedOnce()
    {
        var result = await Handler().Handle(new DeleteUserCommand(_user.Id), TestContext.Current.CancellationToken);

        result.Value.Should().Be(Unit.Value);
        _users.Received(1).Remove(_user);
        _events.TakeAll().Should().Equal(new UserDeletedEvent(_user.Id, _clock.UtcNow));
        _user.DomainEvents.Should().BeEmpty("the one event is the deletion");
        Received.InOrder(() =>
        {
            _users.LockAdministratorsAsync(TestContext.Current.CancellationToken);
            _users.GetByIdAsync(_user.Id, TestContext.Current.CancellationToken);
            _users.IsLastActiveAdminAsync(_user.Id, TestContext.Current.CancellationToken);
            _tokens.SupersedeInvitationsAsync("alice@example.com", _clock.UtcNow, TestContext.Current.CancellationToken);
            _users.TryLockAsync(_user, TestContext.Current.CancellationToken);
            _users.Remove(_user);
        });
    }

    [Fact]
    public async Task Handle_WhenNoUserHasTheId_ShouldReturnNotFoundAndRemoveNothing()
    {
        var result = await Handler().Handle(new DeleteUserCommand(Guid.CreateVersion7()), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.NotFound);
        _users.DidNotReceiveWithAnyArgs().Remove(default!);
        _events.TakeAll().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenTheUserIsTheLastActiveAdmin_ShouldReturnLastAdminAndTouchNothing()
    {
        _users.IsLastActiveAdminAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(true);

        var result = await Handler(callerId: _user.Id).Handle(new DeleteUserCommand(_user.Id), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.LastAdmin, "LAST_ADMIN is decided before CANNOT_MODIFY_SELF");
        _users.DidNotReceiveWithAnyArgs().Remove(default!);
        await _tokens.DidNotReceiveWithAnyArgs().SupersedeInvitationsAsync(default!, default, TestContext.Current.CancellationToken);
        _events.TakeAll().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenAnAdminDeletesThemself_ShouldReturnCannotModifySelf()
    {
        var result = await Handler(callerId: _user.Id).Handle(new DeleteUserCommand(_user.Id), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.CannotModifySelf);
        _users.DidNotReceiveWithAnyArgs().Remove(default!);
    }

    [Fact]
    public async Task Handle_WhenTheCredentialsChangedSinceTheUserWasRead_ShouldReturnConcurrentChangeAndRemoveNothing()
    {
        _users.TryLockAsync(_user, Arg.Any<CancellationToken>()).Returns(false);

        var result = await Handler().Handle(new DeleteUserCommand(_user.Id), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.ConcurrentCredentialChange);
        _users.DidNotReceiveWithAnyArgs().Remove(default!);
        _events.TakeAll().Should().BeEmpty();
    }

    private DeleteUserCommandHandler Handler(Guid? callerId = null) =>
        new(AdminFakes.Guards(_users, AdminFakes.Admin(callerId)), _users, _tokens, _events, _clock);
}
