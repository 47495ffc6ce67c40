using CleanAuth.Application.Auth.Commands.ConfirmEmailVerification;
using CleanAuth.Application.Auth.Errors;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Users;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Auth;

public sealed class ConfirmEmailVerificationCommandHandlerTests
{
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IAccountTokenRepository _tokens = Substitute.For<IAccountTokenRepository>();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddHours(3));
    private readonly User _user = TestData.NewUser();
    private readonly ConfirmEmailVerificationCommandHandler _handler;

    public ConfirmEmailVerificationCommandHandlerTests()
    {
        _users.GetByIdAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_user);
        _tokens.TryConsumeAsync(Arg.Any<Guid>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(true);
        _handler = new ConfirmEmailVerificationCommandHandler(
            AccountFakes.Issuer(_tokens, Substitute.For<CleanAuth.Application.Common.Interfaces.IAccountMailer>()), _users, _tokens, _clock);
    }

    [Fact]
    public async Task Handle_WhenTheTokenIsUnknown_ShouldReturnInvalidToken()
    {
        var result = await Confirm("never-mailed");

        result.Error.Should().Be(AuthErrors.InvalidAccountToken);
        await _tokens.Received(1).FindAsync(AccountTokenKind.EmailVerification, TestData.Sha256("never-mailed"), TestContext.Current.CancellationToken);
        _user.EmailVerified.Should().BeFalse();
    }

    [Fact]
    public async Task Handle_WhenTheTokenHasExpired_ShouldReturnInvalidTokenWithoutClaimingIt()
    {
        var token = StoreTokenFor("alice@example.com");
        _clock.UtcNow = token.ExpiresAt.AddSeconds(1);

        var result = await Confirm();

        result.Error.Should().Be(AuthErrors.InvalidAccountToken);
        await _tokens.DidNotReceiveWithAnyArgs().TryConsumeAsync(default, default, TestContext.Current.CancellationToken);
        _user.EmailVerified.Should().BeFalse();
    }

    [Fact]
    public async Task Handle_WhenTheUserIsInactive_ShouldReturnInvalidTokenWithoutClaimingIt()
    {
        StoreTokenFor("alice@example.com");
        _user.Deactivate(TestData.Now.AddHours(1));

        var result = await Confirm();

        result.Error.Should().Be(AuthErrors.InvalidAccountToken);
        await _tokens.DidNotReceiveWithAnyArgs().TryConsumeAsync(default, default, TestContext.Current.CancellationToken);
        _user.EmailVerified.Should().BeFalse();
    }

    [Fact]
    public async Task Handle_WhenAConcurrentRequestClaimedTheTokenFirst_ShouldReturnInvalidTokenAndChangeNothing()
    {
        var token = StoreTokenFor("alice@example.com");
        _tokens.TryConsumeAsync(token.Id, Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(false);

        var result = await Confirm();

        result.Error.Should().Be(AuthErrors.InvalidAccountToken);
        _user.EmailVerified.Should().BeFalse();
    }

    [Fact]
    public async Task Handle_WhenTheTokenIsForTheCurrentAddress_ShouldClaimItAndMarkTheAddressVerified()
    {
        var token = StoreTokenFor("alice@example.com");

        var result = await Confirm();

        result.Value.Should().Be(Unit.Value);
        await _tokens.Received(1).TryConsumeAsync(token.Id, _clock.UtcNow, TestContext.Current.CancellationToken);
        _user.EmailVerified.Should().BeTrue();
        _user.UpdatedAt.Should().Be(_clock.UtcNow);
    }

    [Fact]
    public async Task Handle_WhenTheTokenIsForThePendingAddress_ShouldApplyTheChange()
    {
        _user.RequestEmailChange(Email.Create("New.Alice@example.org"), TestData.Now.AddHours(1));
        StoreTokenFor("new.alice@example.org");

        var result = await Confirm();

        result.IsSuccess.Should().BeTrue();
        _user.Email.Should().Be("New.Alice@example.org");
        _user.NormalizedEmail.Should().Be("new.alice@example.org");
        _user.PendingEmail.Should().BeNull();
        _user.EmailVerified.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_WhenTheTokenIsForAnAddressTheUserNoLongerUses_ShouldReturnInvalidTokenAndChangeNothing()
    {
        _user.RequestEmailChange(Email.Create("second@example.org"), TestData.Now.AddHours(1));
        StoreTokenFor("first@example.org");

        var result = await Confirm();

        result.Error.Should().Be(AuthErrors.InvalidAccountToken);
        _user.NormalizedEmail.Should().Be("alice@example.com");
        _user.PendingNormalizedEmail.Should().Be("second@example.org");
        _user.EmailVerified.Should().BeFalse();
    }

    private AccountToken StoreTokenFor(string normalizedEmail) =>
        _tokens.Stored(AccountToken.ForEmailVerification(_user.Id, normalizedEmail, TestData.Sha256(AccountFakes.MailedToken), TestData.Now, TimeSpan.FromHours(48)));

    private Task<Application.Common.Results.Result<Unit>> Confirm(string token = AccountFakes.MailedToken) =>
        _handler.Handle(new ConfirmEmailVerificationCommand(token), TestContext.Current.CancellationToken);
}
