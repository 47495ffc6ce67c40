using CleanAuth.Application.Common.Behaviors;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Behaviors;

[AllowAnonymousRequest]
public sealed record AnonymousProbe : IRequest<string>;

[RequirePermission(Permissions.Users.Manage)]
public sealed record ManageUsersProbe : IRequest<string>;

[RequirePermission(Permissions.Account.ManageSelf)]
public sealed record ManageSelfProbe : IRequest<string>;

public sealed record UndeclaredProbe : IRequest<string>;

public sealed class AuthorizationBehaviorTests
{
    private readonly ICurrentUser _currentUser = Substitute.For<ICurrentUser>();
    private int _nextCalls;

    public AuthorizationBehaviorTests()
    {
        _currentUser.IsAuthenticated.Returns(false);
        _currentUser.Roles.Returns([]);
    }

    [Fact]
    public async Task Handle_WhenRequestIsAnonymousAndCallerUnauthenticated_ShouldCallNext()
    {
        var response = await Run(new AnonymousProbe());

        response.Should().Be("next");
        _nextCalls.Should().Be(1);
    }

    [Fact]
    public async Task Handle_WhenRequestNeedsPermissionAndCallerUnauthenticated_ShouldThrowUnauthenticated()
    {
        var act = () => Run(new ManageSelfProbe());

        await act.Should().ThrowAsync<UnauthenticatedException>();
        _nextCalls.Should().Be(0);
    }

    [Fact]
    public async Task Handle_WhenCallersRoleLacksPermission_ShouldThrowForbidden()
    {
        SignIn(RoleName.User);

        var act = () => Run(new ManageUsersProbe());

        (await act.Should().ThrowAsync<ForbiddenAccessException>())
            .Which.Permission.Should().Be(Permissions.Users.Manage);
        _nextCalls.Should().Be(0);
    }

    [Fact]
    public async Task Handle_WhenCallerHasUnknownRoleOnly_ShouldThrowForbidden()
    {
        SignIn("guest");

        var act = () => Run(new ManageSelfProbe());

        await act.Should().ThrowAsync<ForbiddenAccessException>();
    }

    [Fact]
    public async Task Handle_WhenCallersRoleGrantsPermission_ShouldCallNext()
    {
        SignIn(RoleName.User);

        var response = await Run(new ManageSelfProbe());

        response.Should().Be("next");
        _nextCalls.Should().Be(1);
    }

    [Fact]
    public async Task Handle_WhenCallerIsAdmin_ShouldCallNextForAdminPermission()
    {
        SignIn(RoleName.User, RoleName.Admin);

        var response = await Run(new ManageUsersProbe());

        response.Should().Be("next");
    }

    [Fact]
    public async Task Handle_WhenRequestDeclaresNeitherAttribute_ShouldThrowInvalidOperation()
    {
        SignIn(RoleName.Admin);

        var act = () => Run(new UndeclaredProbe());

        (await act.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage($"*{nameof(UndeclaredProbe)}*");
        _nextCalls.Should().Be(0);
    }

    private void SignIn(params string[] roles)
    {
        _currentUser.IsAuthenticated.Returns(true);
        _currentUser.UserId.Returns(Guid.CreateVersion7());
        _currentUser.Roles.Returns(roles);
    }

    private Task<string> Run<TRequest>(TRequest request)
    {
        var behavior = new AuthorizationBehavior<TRequest, string>(_currentUser);
        return behavior.Handle(request, TestContext.Current.CancellationToken, () =>
        {
            _nextCalls++;
            return Task.FromResult("next");
        });
    }
}
