using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Results;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Application.Users.Commands.UpdateProfile;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Users;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Users;

public sealed class UpdateProfileCommandHandlerTests
{
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly IAccountTokenRepository _tokens = Substitute.For<IAccountTokenRepository>();
    private readonly IAccountMailer _mailer = Substitute.For<IAccountMailer>();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddDays(2));
    private readonly User _user = TestData.NewUser();
    private readonly UpdateProfileCommandHandler _handler;
    private AccountToken? _added;

    public UpdateProfileCommandHandlerTests()
    {
        _users.GetByIdAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_user);
        _hasher.VerifyAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(PasswordVerification.Failed);
        _hasher.VerifyAsync(TestData.Password, TestData.StoredHash, Arg.Any<CancellationToken>()).Returns(PasswordVerification.Succeeded);
        _tokens.Add(Arg.Do<AccountToken>(t => _added = t));
        _handler = new UpdateProfileCommandHandler(
            AccountFakes.Caller(_user.Id), _users, AccountFakes.Guard(_hasher, _clock), AccountFakes.Issuer(_tokens, _mailer), _mailer, Microsoft.Extensions.Options.Options.Create(new CleanAuth.Application.Common.Options.AuthOptions()), _clock, TestData.Mapper);
    }

    [Fact]
    public async Task Handle_WhenEveryFieldIsNull_ShouldChangeNothing()
    {
        var result = await Update();

        result.Value.Username.Should().Be("alice");
        result.Value.FullName.Should().Be("Alice Liddell");
        _user.UpdatedAt.Should().Be(TestData.Now);
        await _hasher.DidNotReceiveWithAnyArgs().VerifyAsync(default!, default!, TestContext.Current.CancellationToken);
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenTheUsernameIsFree_ShouldChangeItAndReturnTheUpdatedUser()
    {
        var result = await Update(username: "Alice_L");

        await _users.Received(1).ExistsByNormalizedUsernameAsync("alice_l", TestContext.Current.CancellationToken);
        _user.Username.Should().Be("Alice_L");
        result.Value.Username.Should().Be("Alice_L");
        result.Value.UpdatedAt.Should().Be(_clock.UtcNow);
    }

    [Fact]
    public async Task Handle_WhenTheUsernameIsTaken_ShouldReturnUsernameTakenAndChangeNothing()
    {
        _users.ExistsByNormalizedUsernameAsync("bob", Arg.Any<CancellationToken>()).Returns(true);

        var result = await Update(username: "Bob", fullName: "Someone Else");

        result.Error.Should().Be(UserErrors.UsernameTaken);
        _user.Username.Should().Be("alice");
        _user.FullName.Should().Be("Alice Liddell");
        _user.UpdatedAt.Should().Be(TestData.Now);
    }

    [Fact]
    public async Task Handle_WhenOnlyTheUsernamesCasingChanges_ShouldNotAskWhetherItIsTaken()
    {
        var result = await Update(username: "ALICE");

        result.Value.Username.Should().Be("ALICE");
        await _users.DidNotReceiveWithAnyArgs().ExistsByNormalizedUsernameAsync(default!, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(" Alice P. Liddell ", "Alice P. Liddell")]
    [InlineData("", null)]
    public async Task Handle_WhenTheFullNameIsGiven_ShouldSetOrClearIt(string fullName, string? expected)
    {
        var result = await Update(fullName: fullName);

        _user.FullName.Should().Be(expected);
        result.Value.FullName.Should().Be(expected);
    }

    [Fact]
    public async Task Handle_WhenANewEmailComesWithAWrongPassword_ShouldReturnWrongCurrentPasswordAndChangeNothing()
    {
        var result = await Update(username: "alice_l", email: "new@example.org", currentPassword: "not my password");

        result.Error.Should().Be(UserErrors.WrongCurrentPassword);
        _user.PendingEmail.Should().BeNull();
        _user.Username.Should().Be("alice");
        _tokens.ReceivedCalls().Should().BeEmpty();
        _mailer.ReceivedCalls().Should().BeEmpty();
        await _users.DidNotReceiveWithAnyArgs().ExistsByNormalizedEmailAsync(default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenTheNewEmailIsTaken_ShouldReturnEmailTakenAndChangeNothing()
    {
        _users.ExistsByNormalizedEmailAsync("bob@example.org", Arg.Any<CancellationToken>()).Returns(true);

        var result = await Update(username: "alice_l", email: "Bob@Example.org", currentPassword: TestData.Password);

        result.Error.Should().Be(UserErrors.EmailTaken);
        _user.PendingEmail.Should().BeNull();
        _user.Username.Should().Be("alice");
        _tokens.ReceivedCalls().Should().BeEmpty();
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenTheNewEmailIsTakenAndEmailsAreNotRevealed_ShouldAnswerAsIfFreeAndNoticeItsOwnerWithoutALink()
    {
        _users.ExistsByNormalizedEmailAsync("bob@example.org", Arg.Any<CancellationToken>()).Returns(true);
        var handler = new UpdateProfileCommandHandler(
            AccountFakes.Caller(_user.Id), _users, AccountFakes.Guard(_hasher, _clock), AccountFakes.Issuer(_tokens, _mailer), _mailer,
            Microsoft.Extensions.Options.Options.Create(new CleanAuth.Application.Common.Options.AuthOptions { RevealRegisteredEmails = false }), _clock, TestData.Mapper);

        var result = await handler.Handle(new UpdateProfileCommand(null, null, "Bob@Example.org", TestData.Password), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        result.Value.PendingEmail.Should().Be("Bob@example.org", "the same answer as for a free address");
        _tokens.DidNotReceiveWithAnyArgs().Add(default!);
        _mailer.Received(1).AccountAlreadyExists("Bob@example.org");
        _mailer.Received(1).EmailChangeRequested("alice@example.com", "Bob@example.org");
        _mailer.DidNotReceiveWithAnyArgs().EmailVerification(default!, default!);
    }

    [Fact]
    public async Task Handle_WhenTheNewEmailIsAccepted_ShouldKeepItPendingAndKeepTheCurrentAddress()
    {
        var result = await Update(email: "New.Alice@Example.org", currentPassword: TestData.Password);

        _user.Email.Should().Be("alice@example.com");
        _user.PendingEmail.Should().Be("New.Alice@example.org");
        _user.EmailVerified.Should().BeFalse();
        result.Value.Email.Should().Be("alice@example.com");
        result.Value.PendingEmail.Should().Be("New.Alice@example.org");
    }

    [Fact]
    public async Task Handle_WhenTheNewEmailIsAccepted_ShouldMailAVerificationLinkToTheNewAddressAndANoticeToTheOldOne()
    {
        await Update(email: "New.Alice@Example.org", currentPassword: TestData.Password);

        await _tokens.Received(1).SupersedeForUserAsync(AccountTokenKind.EmailVerification, _user.Id, _clock.UtcNow, TestContext.Current.CancellationToken);
        _added!.Kind.Should().Be(AccountTokenKind.EmailVerification);
        _added.Email.Should().Be("new.alice@example.org");
        _mailer.Received(1).EmailVerification("New.Alice@example.org", TokenServiceFake.OpaqueToken);
        _mailer.Received(1).EmailChangeRequested("alice@example.com", "New.Alice@example.org");
        _mailer.ReceivedCalls().Should().HaveCount(2);
    }

    [Fact]
    public async Task Handle_WhenTheSameChangeIsAlreadyPending_ShouldSendNothingNew()
    {
        _user.RequestEmailChange(Email.Create("new@example.org"), TestData.Now.AddHours(1));

        var result = await Update(email: "new@example.org", currentPassword: TestData.Password);

        result.Value.PendingEmail.Should().Be("new@example.org");
        _tokens.ReceivedCalls().Should().BeEmpty();
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenAnotherChangeWasPending_ShouldReplaceItAndMailTheNewAddress()
    {
        _user.RequestEmailChange(Email.Create("first@example.org"), TestData.Now.AddHours(1));

        await Update(email: "second@example.org", currentPassword: TestData.Password);

        _user.PendingNormalizedEmail.Should().Be("second@example.org");
        _mailer.Received(1).EmailVerification("second@example.org", TokenServiceFake.OpaqueToken);
        _mailer.Received(1).EmailChangeRequested("alice@example.com", "second@example.org");
    }

    [Fact]
    public async Task Handle_WhenTheEmailIsTheCurrentOne_ShouldNeedNoPasswordAndClearAPendingChange()
    {
        _user.RequestEmailChange(Email.Create("new@example.org"), TestData.Now.AddHours(1));

        var result = await Update(email: "ALICE@example.com");

        result.IsSuccess.Should().BeTrue();
        _user.PendingEmail.Should().BeNull();
        _user.Email.Should().Be("alice@example.com");
        await _hasher.DidNotReceiveWithAnyArgs().VerifyAsync(default!, default!, TestContext.Current.CancellationToken);
        _tokens.ReceivedCalls().Should().BeEmpty();
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenTheAccountIsDeactivated_ShouldThrowUnauthenticated()
    {
        _user.Deactivate(TestData.Now.AddHours(1));

        var act = () => Update(username: "alice_l");

        await act.Should().ThrowAsync<UnauthenticatedException>();
        _user.Username.Should().Be("alice");
    }

    private Task<Result<UserDto>> Update(string? username = null, string? fullName = null, string? email = null, string? currentPassword = null) =>
        _handler.Handle(new UpdateProfileCommand(username, fullName, email, currentPassword), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Handle_WhenTheNewEmailIsAccepted_ShouldSettleThePasswordCheckBeforeItsFirstWrite()
    {
        var throttles = new InMemoryLoginThrottles();
        _tokens.SupersedeForUserAsync(Arg.Any<AccountTokenKind>(), _user.Id, Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            throttles.Calls.Add("supersede");
            return Task.CompletedTask;
        });
        var handler = new UpdateProfileCommandHandler(
            AccountFakes.Caller(_user.Id), _users, AccountFakes.Guard(_hasher, _clock, throttles), AccountFakes.Issuer(_tokens, _mailer), _mailer,
            Microsoft.Extensions.Options.Options.Create(new CleanAuth.Application.Common.Options.AuthOptions()), _clock, TestData.Mapper);

        await handler.Handle(new UpdateProfileCommand(null, null, "New.Alice@Example.org", TestData.Password), TestContext.Current.CancellationToken);

        var key = $"u:{_user.Id:D}";
        throttles.Calls.Should().Equal($"reserve {key}", $"clear alone {key}", "supersede");
    }
}
