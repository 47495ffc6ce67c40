using CleanAuth.Application.Auth.Errors;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Application.Users.Commands.RegisterUser;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Users;

/// <summary>Registration by invitation, without revealing registered addresses, and the verification mail.</summary>
public sealed class RegisterUserCommandHandlerLifecycleTests
{
    private const string NewHash = "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdG5ld3NhbHQ$bmV3aGFzaG5ld2hhc2huZXdoYXNo";
    private const string InviteToken = "invite-token-from-the-link";

    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly IAccountTokenRepository _tokens = Substitute.For<IAccountTokenRepository>();
    private readonly IAccountMailer _mailer = Substitute.For<IAccountMailer>();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddDays(1));
    private readonly List<AccountToken> _addedTokens = [];
    private User? _added;

    public RegisterUserCommandHandlerLifecycleTests()
    {
        _hasher.HashAsync(TestData.Password, Arg.Any<CancellationToken>()).Returns(NewHash);
        _users.Add(Arg.Do<User>(u => _added = u));
        _tokens.Add(Arg.Do<AccountToken>(_addedTokens.Add));
        _tokens.TryConsumeAsync(Arg.Any<Guid>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(true);
    }

    [Fact]
    public async Task Handle_WhenOpenAndRegistered_ShouldRaiseRegisteredWithAnUnprovenAddress()
    {
        var result = await Register(new AuthOptions(), Command());

        result.Value.User!.EmailVerified.Should().BeFalse();
        _added!.DomainEvents.OfType<UserRegisteredEvent>().Should().Equal([new UserRegisteredEvent(_added.Id, "Alice@example.com", false, _added.CreatedAt)],
            "the verification mail follows the event (SendVerificationOnRegistration)");
        await _tokens.DidNotReceiveWithAnyArgs().FindAsync(default, default!, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Handle_WhenInviteOnlyAndNoTokenIsGiven_ShouldReturnInvitationRequiredAndAddNothing(string? token)
    {
        var result = await Register(InviteOnly(), Command(token));

        result.Error.Should().Be(AuthErrors.InvitationRequired);
        _users.ReceivedCalls().Should().BeEmpty();
        _tokens.ReceivedCalls().Should().BeEmpty();
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenInviteOnlyAndTheTokenIsUnknown_ShouldReturnInvalidTokenAndAddNothing()
    {
        var result = await Register(InviteOnly(), Command("never-issued"));

        result.Error.Should().Be(AuthErrors.InvalidAccountToken);
        await _tokens.Received(1).FindAsync(AccountTokenKind.Invitation, TestData.Sha256("never-issued"), TestContext.Current.CancellationToken);
        _users.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Handle_WhenInviteOnlyAndTheInvitationHasExpired_ShouldReturnInvalidToken()
    {
        var invitation = StoreInvitation(null, []);
        _clock.UtcNow = invitation.ExpiresAt;

        var result = await Register(InviteOnly(), Command(InviteToken));

        result.Error.Should().Be(AuthErrors.InvalidAccountToken);
        _users.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Handle_WhenInviteOnlyAndTheInvitationIsPinnedToAnotherAddress_ShouldReturnInvalidTokenWithoutSpendingIt()
    {
        StoreInvitation("someone.else@example.com", [RoleName.Admin]);

        var result = await Register(InviteOnly(), Command(InviteToken));

        result.Error.Should().Be(AuthErrors.InvalidAccountToken);
        await _tokens.DidNotReceiveWithAnyArgs().TryConsumeAsync(default, default, TestContext.Current.CancellationToken);
        _users.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Handle_WhenInviteOnlyAndAConcurrentRegistrationSpentTheInvitation_ShouldReturnInvalidTokenAndAddNothing()
    {
        var invitation = StoreInvitation(null, [RoleName.Admin]);
        _tokens.TryConsumeAsync(invitation.Id, Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(false);

        var result = await Register(InviteOnly(), Command(InviteToken));

        result.Error.Should().Be(AuthErrors.InvalidAccountToken);
        _users.DidNotReceiveWithAnyArgs().Add(default!);
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenInviteOnlyAndTheEmailIsTaken_ShouldNotSpendTheInvitation()
    {
        StoreInvitation(null, []);
        _users.FindByNormalizedEmailAsync("alice@example.com", Arg.Any<CancellationToken>()).Returns(TestData.NewUser());

        var result = await Register(InviteOnly(), Command(InviteToken));

        result.Error.Should().Be(UserErrors.EmailTaken);
        await _tokens.DidNotReceiveWithAnyArgs().TryConsumeAsync(default, default, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenInviteOnlyAndTheInvitationIsValid_ShouldSpendItAndGiveExactlyItsRoles()
    {
        var invitation = StoreInvitation(null, [RoleName.Admin, "auditor"]);

        var result = await Register(InviteOnly(), Command(InviteToken));

        await _tokens.Received(1).TryConsumeAsync(invitation.Id, _clock.UtcNow, TestContext.Current.CancellationToken);
        _added!.RoleNames.Should().BeEquivalentTo([RoleName.Admin, "auditor"], "an invitation's roles are exactly the account's");
        result.Value.User!.Roles.Should().Equal("admin", "auditor");
        result.Value.User.IsAdmin.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_WhenTheInvitationNamesNoRoles_ShouldGiveTheUserRole()
    {
        StoreInvitation(null, []);

        var result = await Register(InviteOnly(), Command(InviteToken));

        _added!.RoleNames.Should().Equal(RoleName.User);
        result.Value.User!.Roles.Should().Equal("user");
    }

    [Fact]
    public async Task Handle_WhenTheInvitationIsUnpinned_ShouldLeaveTheAddressUnverifiedAndMailAVerificationLink()
    {
        StoreInvitation(null, []);

        await Register(InviteOnly(), Command(InviteToken));

        _added!.EmailVerified.Should().BeFalse();
        _added.DomainEvents.OfType<UserRegisteredEvent>().Should().ContainSingle().Which.EmailVerified.Should().BeFalse("a verification link follows");
    }

    [Fact]
    public async Task Handle_WhenTheInvitationIsPinnedToThisAddress_ShouldMarkItVerifiedAndMailNoVerificationLink()
    {
        StoreInvitation("alice@example.com", []);

        var result = await Register(InviteOnly(), Command(InviteToken));

        _added!.EmailVerified.Should().BeTrue();
        _added.DomainEvents.OfType<UserRegisteredEvent>().Should().ContainSingle().Which.EmailVerified.Should().BeTrue("no verification link follows");
        result.Value.User!.EmailVerified.Should().BeTrue();
        _addedTokens.Should().BeEmpty();
        await _tokens.DidNotReceiveWithAnyArgs().SupersedeForUserAsync(default, default, default, TestContext.Current.CancellationToken);
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenNotRevealingAndTheEmailIsTaken_ShouldMailItsOwnerHashAnywayAndAnswerAcceptedWithoutAddingAnything()
    {
        _users.FindByNormalizedEmailAsync("alice@example.com", Arg.Any<CancellationToken>()).Returns(TestData.NewUser("ALICE@example.com"));

        var result = await Register(new AuthOptions { RevealRegisteredEmails = false }, Command());

        result.IsSuccess.Should().BeTrue();
        result.Value.User.Should().BeNull();
        _mailer.Received(1).AccountAlreadyExists("ALICE@example.com");
        _mailer.ReceivedCalls().Should().HaveCount(1);
        _users.DidNotReceiveWithAnyArgs().Add(default!);
        _tokens.ReceivedCalls().Should().BeEmpty();
        await _hasher.ReceivedWithAnyArgs(1).HashAsync(default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenNotRevealingAndTheEmailIsNew_ShouldRegisterButAnswerTheSameAcceptedBody()
    {
        var result = await Register(new AuthOptions { RevealRegisteredEmails = false }, Command());

        result.IsSuccess.Should().BeTrue();
        result.Value.User.Should().BeNull();
        _added.Should().NotBeNull();
        _added!.DomainEvents.OfType<UserRegisteredEvent>().Should().ContainSingle();
        _mailer.DidNotReceiveWithAnyArgs().AccountAlreadyExists(default!);
    }

    [Fact]
    public async Task Handle_WhenNotRevealingAndTheUsernameIsTaken_ShouldStillSayUsernameTaken()
    {
        _users.ExistsByNormalizedUsernameAsync("alice", Arg.Any<CancellationToken>()).Returns(true);

        var result = await Register(new AuthOptions { RevealRegisteredEmails = false }, Command());

        result.Error.Should().Be(UserErrors.UsernameTaken);
        _users.DidNotReceiveWithAnyArgs().Add(default!);
    }

    private static AuthOptions InviteOnly() => new() { RegistrationMode = RegistrationMode.InviteOnly };

    private static RegisterUserCommand Command(string? inviteToken = null) =>
        new("Alice@Example.com", "Alice", TestData.Password, "Alice Liddell", inviteToken);

    private AccountToken StoreInvitation(string? normalizedEmail, IReadOnlyCollection<string> roles) =>
        _tokens.Stored(AccountToken.ForInvitation(normalizedEmail, roles, TestData.Sha256(InviteToken), TestData.Now, TimeSpan.FromDays(7)));

    private Task<Result<RegistrationDto>> Register(AuthOptions options, RegisterUserCommand command)
    {
        var handler = new RegisterUserCommandHandler(
            _users, _hasher, AccountFakes.Issuer(_tokens, _mailer, options), _mailer, Options.Create(options), _clock, TestData.Mapper);
        return handler.Handle(command, TestContext.Current.CancellationToken);
    }
}
