using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Application.Users.Commands.CreateInvitation;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Users;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Users;

public sealed class CreateInvitationCommandHandlerTests
{
    private readonly IAccountTokenRepository _tokens = Substitute.For<IAccountTokenRepository>();
    private readonly IAccountMailer _mailer = Substitute.For<IAccountMailer>();
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddDays(1));
    private readonly CreateInvitationCommandHandler _handler;
    private AccountToken? _added;

    public CreateInvitationCommandHandlerTests()
    {
        _tokens.Add(Arg.Do<AccountToken>(t => _added = t));
        _handler = new CreateInvitationCommandHandler(AccountFakes.Issuer(_tokens, _mailer, new AuthOptions { InvitationDays = 3 }), _users, _clock);
    }

    [Fact]
    public async Task Handle_WhenPinnedToAnAddress_ShouldRetireItsOlderInvitationsStoreTheHashAndMailTheRawToken()
    {
        var result = await _handler.Handle(new CreateInvitationCommand("Guest@Example.org", [RoleName.Admin]), TestContext.Current.CancellationToken);

        result.Value.Token.Should().Be(TokenServiceFake.OpaqueToken);
        result.Value.Email.Should().Be("Guest@example.org");
        result.Value.Roles.Should().Equal(RoleName.Admin);
        result.Value.ExpiresAt.Should().Be(_clock.UtcNow.AddDays(3));
        Received.InOrder(() =>
        {
            _tokens.SupersedeInvitationsAsync("guest@example.org", _clock.UtcNow, TestContext.Current.CancellationToken);
            _tokens.Add(Arg.Any<AccountToken>());
        });
        _added!.Kind.Should().Be(AccountTokenKind.Invitation);
        _added.Email.Should().Be("guest@example.org");
        _added.UserId.Should().BeNull();
        _added.RoleList.Should().Equal(RoleName.Admin);
        _added.TokenHash.Should().Be(TestData.Sha256(TokenServiceFake.OpaqueToken));
        _added.ExpiresAt.Should().Be(_clock.UtcNow.AddDays(3));
        _mailer.Received(1).Invitation("Guest@example.org", TokenServiceFake.OpaqueToken);
    }

    [Fact]
    public async Task Handle_WhenNotPinnedAndNamingNoRoles_ShouldGrantTheUserRoleWithoutMailingOrRetiringAnything()
    {
        var result = await _handler.Handle(new CreateInvitationCommand(null, null), TestContext.Current.CancellationToken);

        result.Value.Token.Should().Be(TokenServiceFake.OpaqueToken);
        result.Value.Email.Should().BeNull();
        result.Value.Roles.Should().Equal(RoleName.User);
        _added!.Email.Should().BeNull();
        _added.RoleList.Should().Equal([RoleName.User], "an invitation's roles are exactly the account's, stored as such");
        await _tokens.DidNotReceiveWithAnyArgs().SupersedeInvitationsAsync(default!, default, TestContext.Current.CancellationToken);
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenRolesRepeatOrComeUnsorted_ShouldStoreAndReturnThemOnceEachSorted()
    {
        var result = await _handler.Handle(new CreateInvitationCommand(null, [RoleName.User, RoleName.Admin, RoleName.User]), TestContext.Current.CancellationToken);

        result.Value.Roles.Should().Equal(RoleName.Admin, RoleName.User);
        _added!.RoleList.Should().Equal(RoleName.Admin, RoleName.User);
    }

    [Fact]
    public async Task Handle_WhenTheAddressHasAnAccount_ShouldReturnEmailTakenAndCreateNothing()
    {
        _users.ExistsByNormalizedEmailAsync("taken@example.org", Arg.Any<CancellationToken>()).Returns(true);

        var result = await _handler.Handle(new CreateInvitationCommand("Taken@Example.org", null), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.EmailTaken);
        _added.Should().BeNull();
        await _tokens.DidNotReceiveWithAnyArgs().SupersedeInvitationsAsync(default!, default, TestContext.Current.CancellationToken);
        _mailer.ReceivedCalls().Should().BeEmpty();
    }
}
