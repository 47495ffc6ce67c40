using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Application.Users.Queries.GetCurrentUser;
using CleanAuth.Domain.Users;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Users;

public sealed class GetCurrentUserQueryHandlerTests
{
    private readonly ICurrentUser _currentUser = Substitute.For<ICurrentUser>();
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly GetCurrentUserQueryHandler _handler;
    private readonly User _user = TestData.NewUser();

    public GetCurrentUserQueryHandlerTests()
    {
        _currentUser.IsAuthenticated.Returns(true);
        _currentUser.UserId.Returns(_user.Id);
        _handler = new GetCurrentUserQueryHandler(_currentUser, _users, TestData.Mapper);
    }

    [Fact]
    public async Task Handle_WhenUserExistsAndIsActive_ShouldReturnMappedDto()
    {
        _users.GetByIdAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_user);

        var dto = await _handler.Handle(new GetCurrentUserQuery(), TestContext.Current.CancellationToken);

        dto.Id.Should().Be(_user.Id);
        dto.Email.Should().Be(_user.Email);
        dto.Username.Should().Be(_user.Username);
        dto.Roles.Should().Equal("user");
    }

    [Fact]
    public async Task Handle_WhenUserIsMissing_ShouldThrowUnauthenticated()
    {
        _users.GetByIdAsync(_user.Id, Arg.Any<CancellationToken>()).Returns((User?)null);

        var act = () => _handler.Handle(new GetCurrentUserQuery(), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
    }

    [Fact]
    public async Task Handle_WhenUserIsInactive_ShouldThrowUnauthenticated()
    {
        _user.Deactivate(TestData.Now.AddMinutes(1));
        _users.GetByIdAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_user);

        var act = () => _handler.Handle(new GetCurrentUserQuery(), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
    }

    [Fact]
    public async Task Handle_WhenCallerHasNoUserId_ShouldThrowUnauthenticatedWithoutLookup()
    {
        _currentUser.UserId.Returns((Guid?)null);

        var act = () => _handler.Handle(new GetCurrentUserQuery(), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
        await _users.DidNotReceiveWithAnyArgs().GetByIdAsync(default, TestContext.Current.CancellationToken);
    }
}
