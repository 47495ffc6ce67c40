using CleanAuth.Application.Auth.Commands.ChangePassword;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using MediatR;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Auth;

public sealed class ChangePasswordCommandHandlerTests
{
    private const string NewPassword = "a brand new passphrase";
    private const string NewHash = "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdG5ld3NhbHQ$bmV3aGFzaG5ld2hhc2huZXdoYXNo";

    private readonly IUserRepository _users = AccountFakes.LockableUsers();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly IPasswordPolicy _policy = AccountFakes.AcceptingPolicy();
    private readonly IAccountMailer _mailer = Substitute.For<IAccountMailer>();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddHours(5));
    private readonly User _user = TestData.NewUser();
    private readonly Session _current;
    private readonly ChangePasswordCommandHandler _handler;

    public ChangePasswordCommandHandlerTests()
    {
        _current = TestData.NewSession(_user.Id, "rt-current");
        _users.GetByIdAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_user);
        _hasher.VerifyAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(PasswordVerification.Failed);
        _hasher.VerifyAsync(TestData.Password, TestData.StoredHash, Arg.Any<CancellationToken>()).Returns(PasswordVerification.Succeeded);
        _hasher.HashAsync(NewPassword, Arg.Any<CancellationToken>()).Returns(NewHash);
        _handler = new ChangePasswordCommandHandler(
            AccountFakes.Caller(_user.Id, _current.Id), _users, AccountFakes.Guard(_hasher, _clock, mailer: _mailer), _hasher, _policy, _clock);
    }

    [Fact]
    public async Task Handle_WhenTheCurrentPasswordIsWrong_ShouldReturnInvalidCredentialsAsInvalidAndChangeNothing()
    {
        var result = await _handler.Handle(new ChangePasswordCommand("not my password", NewPassword), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.WrongCurrentPassword);
        result.Error!.Code.Should().Be("INVALID_CREDENTIALS");
        result.Error.Kind.Should().Be(ErrorKind.Invalid, "a 401 would read as an expired session");
        _user.PasswordHash.Should().Be(TestData.StoredHash);
        _user.DomainEvents.Should().BeEmpty();
        await _hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, TestContext.Current.CancellationToken);
        _policy.DidNotReceiveWithAnyArgs().Check(default!, default!);
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenAParallelChangeCommittedFirst_ShouldReturnInvalidCredentialsAndChangeNothing()
    {
        _users.TryLockAsync(_user, Arg.Any<CancellationToken>()).Returns(false);

        var result = await _handler.Handle(new ChangePasswordCommand(TestData.Password, NewPassword), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.WrongCurrentPassword, "the verified password is no longer the current one");
        _user.PasswordHash.Should().Be(TestData.StoredHash);
        _user.DomainEvents.Should().BeEmpty();
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenTheNewPasswordIsRefusedByThePolicy_ShouldThrowValidationKeyedNewPasswordAndChangeNothing()
    {
        _policy.Check(NewPassword, Arg.Any<IEnumerable<string?>>()).Returns(["This password is too common."]);

        var act = () => _handler.Handle(new ChangePasswordCommand(TestData.Password, NewPassword), TestContext.Current.CancellationToken);

        var thrown = await act.Should().ThrowAsync<AppValidationException>();
        thrown.Which.Errors.Should().ContainKey(nameof(ChangePasswordCommand.NewPassword))
            .WhoseValue.Should().Equal("This password is too common.");
        thrown.Which.Errors.Should().HaveCount(1);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Handle_WhenCheckingTheNewPassword_ShouldGiveThePolicyTheEmailLocalPartAndUsername()
    {
        await _handler.Handle(new ChangePasswordCommand(TestData.Password, NewPassword), TestContext.Current.CancellationToken);

        _policy.Received(1).Check(NewPassword, Arg.Is<IEnumerable<string?>>(w => w.SequenceEqual(new[] { "alice", "alice" })));
    }

    [Theory]
    [InlineData(PasswordVerification.Succeeded)]
    [InlineData(PasswordVerification.SucceededRehashNeeded)]
    public async Task Handle_WhenTheNewPasswordIsTheCurrentOne_ShouldThrowValidationKeyedNewPasswordAndChangeNothing(PasswordVerification sameAsCurrent)
    {
        _hasher.VerifyAsync("the same again", TestData.StoredHash, Arg.Any<CancellationToken>()).Returns(PasswordVerification.Succeeded, sameAsCurrent);

        var act = () => _handler.Handle(new ChangePasswordCommand("the same again", "the same again"), TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<AppValidationException>()).Which.Errors.Should().ContainKey(nameof(ChangePasswordCommand.NewPassword))
            .WhoseValue.Should().ContainSingle().Which.Should().Contain("differ");
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Handle_WhenAccepted_ShouldStoreTheNewHashAndRaisePasswordChanged()
    {
        var result = await _handler.Handle(new ChangePasswordCommand(TestData.Password, NewPassword), TestContext.Current.CancellationToken);

        result.Value.Should().Be(Unit.Value);
        _user.PasswordHash.Should().Be(NewHash);
        _user.UpdatedAt.Should().Be(_clock.UtcNow);
        _user.DomainEvents.Should().ContainSingle().Which.Should().Be(new PasswordChangedEvent(_user.Id, _user.Email, _clock.UtcNow),
            "what follows (other sessions end, reset links retire, a notice) handles the event");
    }

    [Fact]
    public async Task Handle_WhenTheAccountIsDeactivated_ShouldThrowUnauthenticated()
    {
        _user.Deactivate(TestData.Now.AddHours(1));

        var act = () => _handler.Handle(new ChangePasswordCommand(TestData.Password, NewPassword), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
        await _hasher.DidNotReceiveWithAnyArgs().VerifyAsync(default!, default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenTheAccountIsGone_ShouldThrowUnauthenticated()
    {
        _users.GetByIdAsync(_user.Id, Arg.Any<CancellationToken>()).Returns((User?)null);

        var act = () => _handler.Handle(new ChangePasswordCommand(TestData.Password, NewPassword), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
    }

    [Fact]
    public async Task Handle_WhenTheCallerIsAnonymous_ShouldThrowUnauthenticated()
    {
        var handler = new ChangePasswordCommandHandler(AccountFakes.Anonymous(), _users, AccountFakes.Guard(_hasher, _clock), _hasher, _policy, _clock);

        var act = () => handler.Handle(new ChangePasswordCommand(TestData.Password, NewPassword), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<UnauthenticatedException>();
        await _users.DidNotReceiveWithAnyArgs().GetByIdAsync(default, TestContext.Current.CancellationToken);
    }

    private async Task AssertNothingChangedAsync()
    {
        _user.PasswordHash.Should().Be(TestData.StoredHash);
        _user.DomainEvents.Should().BeEmpty();
        await _hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, default);
        _mailer.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenAccepted_ShouldCheckTheCurrentPasswordAndHashTheNewOneBeforeItsFirstWrite()
    {
        var throttles = new InMemoryLoginThrottles();
        _hasher.HashAsync(NewPassword, Arg.Any<CancellationToken>()).Returns(_ =>
        {
            throttles.Calls.Add("hash new");
            return NewHash;
        });
        _users.TryLockAsync(_user, Arg.Any<CancellationToken>()).Returns(_ =>
        {
            throttles.Calls.Add("lock user");
            return true;
        });
        var handler = new ChangePasswordCommandHandler(
            AccountFakes.Caller(_user.Id, _current.Id), _users, AccountFakes.Guard(_hasher, _clock, throttles), _hasher, _policy, _clock);

        var result = await handler.Handle(new ChangePasswordCommand(TestData.Password, NewPassword), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        var key = $"u:{_user.Id:D}";
        throttles.Calls.Should().Equal($"reserve {key}", $"clear alone {key}", "hash new", "lock user");
    }
}
