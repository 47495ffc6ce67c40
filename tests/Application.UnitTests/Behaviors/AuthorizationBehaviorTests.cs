using CleanAuth.Application.Common.Behaviors;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Security;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Authorization;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Behaviors;

[AllowAnonymousRequest]
public sealed record AnonymousProbe : IRequest<string>;

[RequirePermission(Permissions.Users.Write)]
public sealed record WriteUsersProbe : IRequest<string>;

[RequirePermission(Permissions.Account.ManageSelf)]
public sealed record ManageSelfProbe : IRequest<string>;

[RequirePermission(Permissions.Account.ReadSelf)]
public sealed record ReadSelfProbe : IRequest<string>;

public sealed record UndeclaredProbe : IRequest<string>;

public sealed class AuthorizationBehaviorTests
{
    private readonly ICurrentUser _currentUser = Substitute.For<ICurrentUser>();
    private readonly PendingEvents _events = new();
    private IRoleCatalog _catalog = new FakeRoleCatalog();
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

        var act = () => Run(new WriteUsersProbe());

        (await act.Should().ThrowAsync<ForbiddenAccessException>())
            .Which.Permission.Should().Be(Permissions.Users.Write);
        _nextCalls.Should().Be(0);
    }

    [Fact]
    public async Task Handle_WhenForbidden_ShouldRaiseAccessDeniedForTheCallerAsARefusal()
    {
        SignIn(RoleName.Guest);
        var callerId = _currentUser.UserId;

        var act = () => Run(new ManageSelfProbe());

        await act.Should().ThrowAsync<ForbiddenAccessException>();
        _events.HasRefusals.Should().BeTrue("the exception rolls back whatever the request did: the denial is recorded on its own");
        _events.TakeRefusals().Should().Equal(new AccessDeniedEvent(callerId, Permissions.Account.ManageSelf, TestData.Now));
    }

    [Fact]
    public async Task Handle_WhenAllowedOrUnauthenticated_ShouldRaiseNothing()
    {
        var unauthenticated = () => Run(new ManageSelfProbe());
        await unauthenticated.Should().ThrowAsync<UnauthenticatedException>();
        SignIn(RoleName.User);
        await Run(new ManageSelfProbe());

        _events.TakeAll().Should().BeEmpty("a 401 and a permitted request are no access.denied");
    }

    [Fact]
    public async Task Handle_WhenCallerHasUnknownRoleOnly_ShouldThrowForbidden()
    {
        SignIn("auditor");

        var act = () => Run(new ReadSelfProbe());

        await act.Should().ThrowAsync<ForbiddenAccessException>();
    }

    [Fact]
    public async Task Handle_WhenCallerIsGuest_ShouldAllowReadingButForbidChanging()
    {
        SignIn(RoleName.Guest);

        (await Run(new ReadSelfProbe())).Should().Be("next");
        var change = () => Run(new ManageSelfProbe());

        (await change.Should().ThrowAsync<ForbiddenAccessException>()).Which.Permission.Should().Be(Permissions.Account.ManageSelf);
        _nextCalls.Should().Be(1);
    }

    [Fact]
    public async Task Handle_WhenCallersRoleGrantsPermission_ShouldCallNext()
    {
        SignIn(RoleName.User);

        (await Run(new ManageSelfProbe())).Should().Be("next");
        (await Run(new ReadSelfProbe())).Should().Be("next");
        _nextCalls.Should().Be(2);
    }

    [Fact]
    public async Task Handle_WhenOneOfTheCallersRolesGrants_ShouldCallNext()
    {
        SignIn("auditor", RoleName.User, RoleName.Admin);

        var response = await Run(new WriteUsersProbe());

        response.Should().Be("next");
    }

    [Fact]
    public async Task Handle_WhenTheCatalogGrantsARoleSomethingNew_ShouldFollowTheCatalog()
    {
        _catalog = new FakeRoleCatalog(new Dictionary<string, string[]> { ["auditor"] = [Permissions.Users.Write] });
        SignIn("auditor");

        var response = await Run(new WriteUsersProbe());

        response.Should().Be("next", "the grants are the catalog's data, not code");
    }

    [Fact]
    public async Task Handle_WhenCheckingPermission_ShouldAskTheCatalogWithTheCallersRoles()
    {
        var catalog = Substitute.For<IRoleCatalog>();
        _catalog = catalog;
        SignIn(RoleName.Guest);
        catalog.Grants(Arg.Any<IReadOnlyList<string>>(), Permissions.Account.ReadSelf).Returns(true);

        await Run(new ReadSelfProbe());

        catalog.Received(1).Grants(Arg.Is<IReadOnlyList<string>>(r => r.SequenceEqual(new[] { RoleName.Guest })), Permissions.Account.ReadSelf);
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
        var behavior = new AuthorizationBehavior<TRequest, string>(_currentUser, _catalog, _events, new FakeTimeProvider(TestData.Now));
        return behavior.Handle(request, TestContext.Current.CancellationToken, () =>
        {
            _nextCalls++;
            return Task.FromResult("next");
        });
    }
}
