using CleanAuth.Application.Auth.Commands.ConfirmPasswordReset;
using CleanAuth.Application.Auth.Errors;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Users;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Auth;

public sealed class ConfirmPasswordResetCommandHandlerTests
{
    private const string NewPassword = "a brand new passphrase";
    private const string NewHash = "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdG5ld3NhbHQ$bmV3aGFzaG5ld2hhc2huZXdoYXNo";

    private readonly IAccountTokenRepository _tokens = Substitute.For<IAccountTokenRepository>();
    private readonly IUserRepository _users = AccountFakes.LockableUsers();
    private readonly ILoginThrottleRepository _throttles = Substitute.For<ILoginThrottleRepository>();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly IPasswordPolicy _policy = AccountFakes.AcceptingPolicy();
    private readonly IAccountMailer _mailer = Substitute.For<IAccountMailer>();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddMinutes(10));
    private readonly User _user = TestData.NewUser();
    private readonly AccountToken _token;
    private readonly ConfirmPasswordResetCommandHandler _handler;

    public ConfirmPasswordResetCommandHandlerTests()
    {
        _token = _tokens.Stored(AccountToken.ForPasswordReset(_user.Id, TestData.Sha256(AccountFakes.MailedToken), TestData.Now, TimeSpan.FromMinutes(30)));
        _tokens.TryConsumeAsync(_token.Id, Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(true);
        _users.GetByIdAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_user);
        _hasher.VerifyAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(PasswordVerification.Failed);
        _hasher.VerifyAsync(TestData.Password, TestData.StoredHash, Arg.Any<CancellationToken>()).Returns(PasswordVerification.Succeeded);
        _hasher.HashAsync(NewPassword, Arg.Any<CancellationToken>()).Returns(NewHash);
        _handler = new ConfirmPasswordResetCommandHandler(
            AccountFakes.Issuer(_tokens, _mailer), _users, _throttles, _hasher, _policy, _clock);
    }

    [Fact]
    public async Task Handle_WhenTheTokenIsUnknown_ShouldReturnInvalidTokenAndChangeNothing()
    {
        var result = await _handler.Handle(new ConfirmPasswordResetCommand("never-mailed", NewPassword), TestContext.Current.CancellationToken);

        result.Error.Should().Be(AuthErrors.InvalidAccountToken);
        await _tokens.Received(1).FindAsync(AccountTokenKind.PasswordReset, TestData.Sha256("never-mailed"), TestContext.Current.CancellationToken);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Handle_WhenTheTokenHasExpired_ShouldReturnInvalidTokenWithoutClaimingIt()
    {
        _clock.UtcNow = _token.ExpiresAt;

        var result = await _handler.Handle(new ConfirmPasswordResetCommand(AccountFakes.MailedToken, NewPassword), TestContext.Current.CancellationToken);

        result.Error.Should().Be(AuthErrors.InvalidAccountToken);
        await _tokens.DidNotReceiveWithAnyArgs().TryConsumeAsync(default, default, TestContext.Current.CancellationToken);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Handle_WhenTheTokenWasAlreadyUsed_ShouldReturnInvalidTokenWithoutClaimingIt()
    {
        _token.Consume(TestData.Now.AddMinutes(1));

        var result = await _handler.Handle(new ConfirmPasswordResetCommand(AccountFakes.MailedToken, NewPassword), TestContext.Current.CancellationToken);

        result.Error.Should().Be(AuthErrors.InvalidAccountToken);
        await _tokens.DidNotReceiveWithAnyArgs().TryConsumeAsync(default, default, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenTheUserIsInactive_ShouldReturnInvalidTokenWithoutClaimingIt()
    {
        _user.Deactivate(TestData.Now.AddMinutes(1));

        var result = await _handler.Handle(new ConfirmPasswordResetCommand(AccountFakes.MailedToken, NewPassword), TestContext.Current.CancellationToken);

        result.Error.Should().Be(AuthErrors.InvalidAccountToken);
        await _tokens.DidNotReceiveWithAnyArgs().TryConsumeAsync(default, default, TestContext.Current.CancellationToken);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Handle_WhenTheUserIsGone_ShouldReturnInvalidToken()
    {
        _users.GetByIdAsync(_user.Id, Arg.Any<CancellationToken>()).Returns((User?)null);

        var result = await _handler.Handle(new ConfirmPasswordResetCommand(AccountFakes.MailedToken, NewPassword), TestContext.Current.CancellationToken);

        result.Error.Should().Be(AuthErrors.InvalidAccountToken);
        await _tokens.DidNotReceiveWithAnyArgs().TryConsumeAsync(default, default, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenThePolicyRefusesTheNewPassword_ShouldThrowBeforeClaimingTheToken()
    {
        _policy.Check(NewPassword, Arg.Any<IEnumerable<string?>>()).Returns(["Too short."]);

        var act = () => _handler.Handle(new ConfirmPasswordResetCommand(AccountFakes.MailedToken, NewPassword), TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<AppValidationException>()).Which.Errors.Should().ContainKey(nameof(ConfirmPasswordResetCommand.NewPassword));
        await _tokens.DidNotReceiveWithAnyArgs().TryConsumeAsync(default, default, TestContext.Current.CancellationToken);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Handle_WhenTheNewPasswordIsTheCurrentOne_ShouldThrowBeforeClaimingTheToken()
    {
        var act = () => _handler.Handle(new ConfirmPasswordResetCommand(AccountFakes.MailedToken, TestData.Password), TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<AppValidationException>()).Which.Errors.Should().ContainKey(nameof(ConfirmPasswordResetCommand.NewPassword));
        await _tokens.DidNotReceiveWithAnyArgs().TryConsumeAsync(default, default, TestContext.Current.CancellationToken);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Handle_WhenAConcurrentRequestClaimedTheTokenFirst_ShouldReturnInvalidTokenAndChangeNothing()
    {
        _tokens.TryConsumeAsync(_token.Id, Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(false);

        var result = await _handler.Handle(new ConfirmPasswordResetCommand(AccountFakes.MailedToken, NewPassword), TestContext.Current.CancellationToken);

        result.Error.Should().Be(AuthErrors.InvalidAccountToken);

        // The new password was hashed before the claim (the command's first write, ADR-004), so in vain here; nothing changed.
        await AssertNothingChangedAsync(hashedBeforeTheClaim: true);
    }

    [Fact]
    public async Task Handle_WhenAccepted_ShouldHashBeforeItsFirstWriteSoNoTransactionIsHeldWhileItRuns()
    {
        await _handler.Handle(new ConfirmPasswordResetCommand(AccountFakes.MailedToken, NewPassword), TestContext.Current.CancellationToken);

        Received.InOrder(() =>
        {
            _hasher.HashAsync(NewPassword, TestContext.Current.CancellationToken);
            _tokens.TryConsumeAsync(_token.Id, _clock.UtcNow, TestContext.Current.CancellationToken);
            _throttles.ClearAsync($"u:{_user.Id:D}", TestContext.Current.CancellationToken);
            _users.TryLockAsync(_user, TestContext.Current.CancellationToken);
        });
    }

    [Fact]
    public async Task Handle_WhenAccepted_ShouldClaimTheTokenAndChangeThePassword()
    {
        var result = await _handler.Handle(new ConfirmPasswordResetCommand(AccountFakes.MailedToken, NewPassword), TestContext.Current.CancellationToken);

        result.Value.Should().Be(Unit.Value);
        await _tokens.Received(1).TryConsumeAsync(_token.Id, _clock.UtcNow, TestContext.Current.CancellationToken);
        _user.PasswordHash.Should().Be(NewHash);
        _user.EmailVerified.Should().BeTrue("the link reached the address");
        _user.DomainEvents.OfType<PasswordResetEvent>().Should().Equal([new PasswordResetEvent(_user.Id, _user.Email, _clock.UtcNow)],
            "what follows (every session ends, a notice) handles the event");
    }

    [Fact]
    public async Task Handle_WhenAccepted_ShouldClearTheUsersLockoutBeforeLockingTheUserRow()
    {
        await _handler.Handle(new ConfirmPasswordResetCommand(AccountFakes.MailedToken, NewPassword), TestContext.Current.CancellationToken);

        Received.InOrder(() =>
        {
            _throttles.ClearAsync($"u:{_user.Id:D}", TestContext.Current.CancellationToken);
            _users.TryLockAsync(_user, TestContext.Current.CancellationToken);
        });
    }

    [Fact]
    public async Task Handle_WhenTheUserChangedSinceItWasRead_ShouldThrowConflictSoTheClaimRollsBack()
    {
        _users.TryLockAsync(_user, Arg.Any<CancellationToken>()).Returns(false);

        var act = () => _handler.Handle(new ConfirmPasswordResetCommand(AccountFakes.MailedToken, NewPassword), TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<ConflictException>()).Which.Error.Should().Be(UserErrors.ConcurrentCredentialChange);
        _user.PasswordHash.Should().Be(TestData.StoredHash);
    }

    private async Task AssertNothingChangedAsync(bool hashedBeforeTheClaim = false)
    {
        _user.PasswordHash.Should().Be(TestData.StoredHash);
        _user.DomainEvents.OfType<PasswordResetEvent>().Should().BeEmpty();
        if (hashedBeforeTheClaim)
        {
            Received.InOrder(() =>
            {
                _hasher.HashAsync(NewPassword, TestContext.Current.CancellationToken);
                _tokens.TryConsumeAsync(_token.Id, _clock.UtcNow, TestContext.Current.CancellationToken);
            });
        }
        else
        {
            await _hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, default);
        }

        await _throttles.DidNotReceiveWithAnyArgs().ClearAsync(default!, default);
        _mailer.ReceivedCalls().Should().BeEmpty();
    }
}
