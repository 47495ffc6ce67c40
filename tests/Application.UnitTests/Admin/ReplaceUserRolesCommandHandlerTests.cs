using CleanAuth.Application.Admin.Commands.ReplaceUserRoles;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Admin;

public sealed class ReplaceUserRolesCommandHandlerTests
{
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddDays(1));
    private readonly User _user = TestData.NewUser();
    private readonly IUserRepository _users;
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();

    public ReplaceUserRolesCommandHandlerTests()
    {
        _users = AdminFakes.Holding(_user);
        _sessions.CountActiveByUserAsync(_user.Id, _clock.UtcNow, Arg.Any<CancellationToken>()).Returns(2);
    }

    [Fact]
    public async Task Handle_WhenTheSetChanges_ShouldReplaceItUnderTheAdministratorsLockAndAnswerTheAdminUser()
    {
        var result = await Handler().Handle(new ReplaceUserRolesCommand(_user.Id, ["user", "admin"]), TestContext.Current.CancellationToken);

        result.Value.Id.Should().Be(_user.Id);
        result.Value.Roles.Should().Equal("admin", "user");
        result.Value.IsAdmin.Should().BeTrue();
        result.Value.ActiveSessions.Should().Be(2);
        _user.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<RolesChangedEvent>()
            .Which.NewRoles.Should().Equal("admin", "user");
        Received.InOrder(() =>
        {
            _users.LockAdministratorsAsync(TestContext.Current.CancellationToken);
            _users.GetByIdAsync(_user.Id, TestContext.Current.CancellationToken);
        });
        await _users.DidNotReceiveWithAnyArgs().IsLastActiveAdminAsync(default, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenTheSetIsTheSame_ShouldAnswerTheUserAndRecordNothing()
    {
        var result = await Handler().Handle(new ReplaceUserRolesCommand(_user.Id, ["user", "user"]), TestContext.Current.CancellationToken);

        result.Value.Roles.Should().Equal("user");
        _user.DomainEvents.Should().BeEmpty();
        _user.RolesChangedAt.Should().BeNull();
    }

    [Fact]
    public async Task Handle_WhenItWouldDemoteTheLastActiveAdmin_ShouldReturnLastAdminAndKeepTheRoles()
    {
        _user.ReplaceRoles(["admin", "user"], TestData.Now);
        _user.ClearDomainEvents();
        _users.IsLastActiveAdminAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(true);

        var result = await Handler().Handle(new ReplaceUserRolesCommand(_user.Id, ["user"]), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.LastAdmin);
        _user.SortedRoleNames().Should().Equal("admin", "user");
        _user.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenTheLastActiveAdminKeepsTheAdminRole_ShouldAllowTheChange()
    {
        _user.ReplaceRoles(["admin", "user"], TestData.Now);
        _user.ClearDomainEvents();
        _users.IsLastActiveAdminAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(true);

        var result = await Handler().Handle(new ReplaceUserRolesCommand(_user.Id, ["admin"]), TestContext.Current.CancellationToken);

        result.Value.Roles.Should().Equal("admin");
    }

    [Fact]
    public async Task Handle_WhenTheRolesAreTheCallersOwn_ShouldReturnCannotModifySelfEvenForTheSameSet()
    {
        var result = await Handler(callerId: _user.Id).Handle(new ReplaceUserRolesCommand(_user.Id, ["user"]), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.CannotModifySelf);
    }

    [Fact]
    public async Task Handle_WhenNoUserHasTheId_ShouldReturnNotFound()
    {
        var result = await Handler().Handle(new ReplaceUserRolesCommand(Guid.CreateVersion7(), ["user"]), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.NotFound);
    }

    private ReplaceUserRolesCommandHandler Handler(Guid? callerId = null) =>
        new(AdminFakes.Guards(_users, AdminFakes.Admin(callerId)), AdminFakes.Reader(_users, _sessions, _clock), _clock);
}
