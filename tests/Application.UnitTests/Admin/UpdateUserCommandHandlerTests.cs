using CleanAuth.Application.Admin.Commands.UpdateUser;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Admin;

public sealed class UpdateUserCommandHandlerTests
{
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddDays(2));
    private readonly User _user = TestData.NewUser();
    private readonly IUserRepository _users;
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly IAccountTokenRepository _tokens = Substitute.For<IAccountTokenRepository>();
    private readonly IAccountMailer _mailer = Substitute.For<IAccountMailer>();
    private readonly UpdateUserCommandHandler _handler;

    public UpdateUserCommandHandlerTests()
    {
        _users = AdminFakes.Holding(_user);
        _sessions.CountActiveByUserAsync(_user.Id, _clock.UtcNow, Arg.Any<CancellationToken>()).Returns(3);
        _handler = new UpdateUserCommandHandler(_users, _tokens, _mailer, AdminFakes.Reader(_users, _sessions, _clock), _clock);
    }

    [Fact]
    public async Task Handle_WhenANewEmailIsGiven_ShouldApplyItRetireTheOldAddressesLinksAndTellTheOldAddress()
    {
        _user.MarkEmailVerified(TestData.Now);
        _user.ClearDomainEvents();

        var result = await Update(email: "New.Alice@Example.org");

        result.Value.Email.Should().Be("New.Alice@example.org");
        result.Value.EmailVerified.Should().BeFalse();
        result.Value.PendingEmail.Should().BeNull();
        result.Value.ActiveSessions.Should().Be(3);
        result.Value.UpdatedAt.Should().Be(_clock.UtcNow);
        await _tokens.Received(1).SupersedeForUserAsync(AccountTokenKind.EmailVerification, _user.Id, _clock.UtcNow, TestContext.Current.CancellationToken);
        await _tokens.Received(1).SupersedeForUserAsync(AccountTokenKind.PasswordReset, _user.Id, _clock.UtcNow, TestContext.Current.CancellationToken);
        _mailer.Received(1).EmailChangedByAdministrator("alice@example.com");
        _mailer.ReceivedCalls().Should().ContainSingle("no verification link is mailed to the new address, nor anything else");
        _user.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<ProfileUpdatedEvent>()
            .Which.Fields.Should().Equal("email", "email_verified");
    }

    [Fact]
    public async Task Handle_WhenANewEmailIsSaidVerified_ShouldApplyItVerified()
    {
        var result = await Update(email: "grace@example.org", emailVerified: true);

        result.Value.EmailVerified.Should().BeTrue();
        _mailer.Received(1).EmailChangedByAdministrator("alice@example.com");
    }

    [Fact]
    public async Task Handle_WhenTheEmailIsTheCurrentOneInAnotherCase_ShouldNeitherRetireLinksNorMail()
    {
        var result = await Update(email: "ALICE@example.com");

        result.Value.Email.Should().Be("alice@example.com");
        _tokens.ReceivedCalls().Should().BeEmpty();
        _mailer.ReceivedCalls().Should().BeEmpty();
        await _users.DidNotReceiveWithAnyArgs().ExistsByNormalizedEmailAsync(default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenTheEmailBelongsToAnotherAccount_ShouldReturnEmailTakenAndChangeNothing()
    {
        _users.ExistsByNormalizedEmailAsync("bob@example.org", Arg.Any<CancellationToken>()).Returns(true);

        var result = await Update(username: "alice2", email: "Bob@example.org", fullName: "Changed");

        result.Error.Should().Be(UserErrors.EmailTaken);
        _user.Email.Should().Be("alice@example.com");
        _user.Username.Should().Be("alice");
        _user.FullName.Should().Be("Alice Liddell");
        _user.DomainEvents.Should().BeEmpty();
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenTheUsernameBelongsToAnotherAccount_ShouldReturnUsernameTakenAndChangeNothing()
    {
        _users.ExistsByNormalizedUsernameAsync("bob", Arg.Any<CancellationToken>()).Returns(true);

        var result = await Update(username: "Bob", fullName: "Changed");

        result.Error.Should().Be(UserErrors.UsernameTaken);
        _user.FullName.Should().Be("Alice Liddell");
        _user.DomainEvents.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenOnlyTheNameChanges_ShouldNotTouchLinksOrMail()
    {
        var result = await Update(fullName: "Alice P. Liddell");

        result.Value.FullName.Should().Be("Alice P. Liddell");
        _tokens.ReceivedCalls().Should().BeEmpty();
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenNoUserHasTheId_ShouldReturnNotFound()
    {
        var result = await _handler.Handle(new UpdateUserCommand(Guid.CreateVersion7(), "x_y", null, null, null), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.NotFound);
    }

    private Task<CleanAuth.Application.Common.Results.Result<CleanAuth.Application.Admin.Dtos.AdminUserDetailsDto>> Update(
        string? username = null, string? email = null, string? fullName = null, bool? emailVerified = null) =>
        _handler.Handle(new UpdateUserCommand(_user.Id, username, email, fullName, emailVerified), TestContext.Current.CancellationToken);
}
