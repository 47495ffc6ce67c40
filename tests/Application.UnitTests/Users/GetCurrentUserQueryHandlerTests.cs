using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.Application.Users.Queries.GetCurrentUser;
using CleanAuth.Domain.Users;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Users;

public sealed class GetCurrentUserQueryHandlerTests
{
    private readonly ICurrentUser _currentUser = Substitute.For<ICurrentUser>();
    private readonly User _user = TestData.NewUser();
    private readonly PassThroughUserViews _views = new();

    public GetCurrentUserQueryHandlerTests()
    {
        _currentUser.IsAuthenticated.Returns(true);
        _currentUser.UserId.Returns(_user.Id);
    }

    [Fact]
    public async Task Handle_WhenUserExistsAndIsActive_ShouldProjectItsViewInOneQuery()
    {
        var queries = new InMemorySpecificationQueries(_user, TestData.NewUser("other@example.com", "other"));

        var dto = await Handler(queries).Handle(new GetCurrentUserQuery(), TestContext.Current.CancellationToken);

        dto.Id.Should().Be(_user.Id);
        dto.Email.Should().Be(_user.Email);
        dto.Username.Should().Be(_user.Username);
        dto.Roles.Should().Equal("user");
        queries.Calls.Should().Equal("list ActiveUserViewSpec");
        _views.Loads.Should().Be(1);
    }

    [Fact]
    public async Task Handle_WhenTheCacheHasTheView_ShouldAnswerWithItWithoutAQuery()
    {
        var queries = new InMemorySpecificationQueries(_user);
        var cached = TestData.Mapper.Map<UserDto>(_user) with { Username = "cached" };
        var views = Substitute.For<IUserViewCache>();
        views.GetOrLoadAsync(_user.Id, Arg.Any<ISpecificationQueries>(), Arg.Any<Func<ISpecificationQueries, Guid, CancellationToken, Task<UserDto?>>>(), Arg.Any<CancellationToken>())
            .Returns(cached);

        var dto = await new GetCurrentUserQueryHandler(_currentUser, new ActiveUserViews(views, queries)).Handle(new GetCurrentUserQuery(), TestContext.Current.CancellationToken);

        dto.Should().BeSameAs(cached);
        queries.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenUserIsMissing_ShouldThrowUnauthenticated()
    {
        var act = () => Handler(new InMemorySpecificationQueries()).Handle(new GetCurrentUserQuery(), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
    }

    [Fact]
    public async Task Handle_WhenUserIsInactive_ShouldThrowUnauthenticated()
    {
        _user.Deactivate(TestData.Now.AddMinutes(1));

        var act = () => Handler(new InMemorySpecificationQueries(_user)).Handle(new GetCurrentUserQuery(), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
    }

    [Fact]
    public async Task Handle_WhenCallerHasNoUserId_ShouldThrowUnauthenticatedWithoutLookup()
    {
        _currentUser.UserId.Returns((Guid?)null);
        var queries = new InMemorySpecificationQueries(_user);

        var act = () => Handler(queries).Handle(new GetCurrentUserQuery(), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
        queries.Calls.Should().BeEmpty();
        _views.Loads.Should().Be(0);
    }

    private GetCurrentUserQueryHandler Handler(InMemorySpecificationQueries queries) => new(_currentUser, new ActiveUserViews(_views, queries));
}
