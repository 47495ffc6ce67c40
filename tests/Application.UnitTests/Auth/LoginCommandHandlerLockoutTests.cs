using CleanAuth.Application.Auth.Commands.Login;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Auth;

/// <summary>Lockout per identifier and the verified-email requirement.</summary>
public sealed class LoginCommandHandlerLockoutTests
{
    private readonly IUserRepository _users = AccountFakes.LockableUsers();
    private readonly ISessionRepository _sessions = Substitute.For<ISessionRepository>();
    private readonly InMemoryLoginThrottles _throttles = new();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddHours(3));
    private readonly LockoutOptions _lockout = new() { MaxFailedAttempts = 3, Minutes = 10 };
    private readonly User _user = TestData.NewUser();
    private readonly PendingEvents _events = new();
    private readonly string _userKey;

    public LoginCommandHandlerLockoutTests()
    {
        _userKey = $"u:{_user.Id:D}";
        _users.FindByNormalizedEmailAsync("alice@example.com", Arg.Any<CancellationToken>()).Returns(_user);
        _users.FindByNormalizedUsernameAsync("alice", Arg.Any<CancellationToken>()).Returns(_user);
        _hasher.VerifyAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(PasswordVerification.Failed);
        _hasher.VerifyAsync(TestData.Password, TestData.StoredHash, Arg.Any<CancellationToken>()).Returns(PasswordVerification.Succeeded);
    }

    private DateTime Now => _clock.UtcNow;

    [Fact]
    public async Task Handle_WhenTheAccountIsLocked_ShouldRaiseLoginThrottledAndThrowThrottledWithTheRemainingTimeAndVerifyNoPassword()
    {
        _throttles.Seed(AccountFakes.Throttle(_userKey, Now.AddMinutes(-1), lockoutCount: 1, lockedUntil: Now.AddMinutes(7)));

        var act = () => Handler().Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<LoginThrottledException>()).Which.RetryAfter.Should().Be(TimeSpan.FromMinutes(7));
        await AssertNoHashWorkAsync();
        _throttles.Rows[_userKey].LockoutCount.Should().Be(1, "a refused attempt records nothing more");
        _throttles.Rows[_userKey].FailedCount.Should().Be(0);
        _throttles.Cleared.Should().BeEmpty();
        _throttles.ClearedAlone.Should().BeEmpty();
        _sessions.DidNotReceiveWithAnyArgs().Add(default!);
        _events.TakeAll().Should().Equal([new LoginThrottledEvent(_user.Id, Now)], "the refusal is raised as LoginThrottled");
    }

    [Fact]
    public async Task Handle_WhenTheAccountIsLockedAndTheUsernameIsUsed_ShouldShareTheEmailsLock()
    {
        _throttles.Seed(AccountFakes.Throttle(_userKey, Now, lockedUntil: Now.AddMinutes(1)));

        var act = () => Handler().Handle(new LoginCommand(null, "Alice", TestData.Password, null, null), TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<LoginThrottledException>();
        await AssertNoHashWorkAsync();
    }

    [Fact]
    public async Task Handle_WhenAnUnknownIdentifierIsLocked_ShouldThrowThrottledWithoutTheDummyVerification()
    {
        var key = LoginThrottle.ForIdentifier("nobody@example.com");
        _throttles.Seed(AccountFakes.Throttle(key, Now, lockedUntil: Now.AddSeconds(90)));

        var act = () => Handler().Handle(ByEmail("Nobody@Example.com"), TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<LoginThrottledException>()).Which.RetryAfter.Should().Be(TimeSpan.FromSeconds(90));
        await AssertNoHashWorkAsync();
    }

    [Fact]
    public async Task Handle_WhenTheLockHasRunOut_ShouldCheckThePasswordAgain()
    {
        _throttles.Seed(AccountFakes.Throttle(_userKey, Now.AddMinutes(-20), lockoutCount: 1, lockedUntil: Now));

        var result = await Handler().Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        await _hasher.Received(1).VerifyAsync(TestData.Password, TestData.StoredHash, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handle_WhenThePasswordOfAnExistingAccountIsWrong_ShouldRecordAFailureUnderTheUserKeyAndLockWithTheConfiguredPolicy()
    {
        var result = await Handler().Handle(ByEmail("alice@example.com", "wrong password"), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.InvalidCredentials);
        _throttles.Rows.Keys.Should().Equal(_userKey);
        _throttles.Rows[_userKey].FailedCount.Should().Be(1);
        _throttles.Rows[_userKey].LastFailureAt.Should().Be(Now);
        _throttles.Cleared.Should().BeEmpty();
        _throttles.ClearedAlone.Should().BeEmpty();

        await Handler().Handle(ByEmail("alice@example.com", "wrong password"), TestContext.Current.CancellationToken);
        var locking = await Handler().Handle(ByEmail("alice@example.com", "wrong password"), TestContext.Current.CancellationToken);
        _throttles.Rows[_userKey].LockedUntil.Should().Be(Now.AddMinutes(10), "the third failure locks for Lockout:Minutes (10 here)");
        locking.Error.Should().Be(UserErrors.InvalidCredentials, "the failure that locks the account still answers invalid credentials");
    }

    [Fact]
    public async Task Handle_WhenTheEmailIsUnknown_ShouldRecordAFailureUnderTheHashedIdentifierKey()
    {
        var result = await Handler().Handle(ByEmail("  Nobody@Example.COM "), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.InvalidCredentials);
        _throttles.Rows.Keys.Should().Equal(LoginThrottle.ForIdentifier("nobody@example.com"));
        _throttles.Rows.Values.Single().FailedCount.Should().Be(1);
    }

    [Fact]
    public async Task Handle_WhenTheUsernameIsUnknown_ShouldRecordAFailureUnderTheHashedNormalizedUsername()
    {
        await Handler().Handle(new LoginCommand(null, "NoBody", TestData.Password, null, null), TestContext.Current.CancellationToken);

        _throttles.Rows.Keys.Should().Equal(LoginThrottle.ForIdentifier("nobody"));
        _throttles.Rows.Values.Single().FailedCount.Should().Be(1);
    }

    [Fact]
    public async Task Handle_WhenThePasswordIsRightAfterEarlierFailures_ShouldClearTheThrottle()
    {
        _throttles.Seed(AccountFakes.Throttle(_userKey, Now.AddMinutes(-1), failedCount: 2));

        var result = await Handler().Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        _throttles.ClearedAlone.Should().Equal(_userKey);
        _throttles.Rows.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenThePasswordIsRightWithNoEarlierFailures_ShouldReserveTheAttemptAndClearItAgainLeavingNoFailure()
    {
        var result = await Handler().Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        _throttles.Calls.Should().Equal($"reserve {_userKey}", $"clear alone {_userKey}");
        _throttles.Failures.Should().Be(0);
        _throttles.Rows.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenVerifiedEmailIsRequiredAndTheAddressIsUnverified_ShouldAnswerEmailNotVerifiedAndStartNoSession()
    {
        var result = await Handler(requireVerifiedEmail: true).Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.EmailNotVerified);
        await _hasher.Received(1).VerifyAsync(TestData.Password, TestData.StoredHash, TestContext.Current.CancellationToken);
        _sessions.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Handle_WhenVerifiedEmailIsRequiredAndThePasswordIsWrong_ShouldAnswerInvalidCredentialsNotEmailNotVerified()
    {
        var result = await Handler(requireVerifiedEmail: true).Handle(ByEmail("alice@example.com", "wrong password"), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.InvalidCredentials);
    }

    [Fact]
    public async Task Handle_WhenVerifiedEmailIsRequiredAndTheAccountIsInactive_ShouldAnswerAccountInactiveFirst()
    {
        _user.Deactivate(TestData.Now.AddHours(1));

        var result = await Handler(requireVerifiedEmail: true).Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.AccountInactive);
    }

    [Fact]
    public async Task Handle_WhenVerifiedEmailIsRequiredAndTheAddressIsVerified_ShouldStartASession()
    {
        _user.MarkEmailVerified(TestData.Now);

        var result = await Handler(requireVerifiedEmail: true).Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        _sessions.Received(1).Add(Arg.Is<Session>(s => s.UserId == _user.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Handle_WhenRegistrationsAreHiddenAndTheAddressIsUnverified_ShouldFailLikeAWrongPasswordAfterTheSameHash(bool requireVerifiedEmail)
    {
        var right = await Handler(requireVerifiedEmail, revealRegisteredEmails: false).Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);
        var wrong = await Handler(requireVerifiedEmail, revealRegisteredEmails: false).Handle(ByEmail("alice@example.com", "wrong password"), TestContext.Current.CancellationToken);

        right.Error.Should().BeSameAs(UserErrors.InvalidCredentials).And.BeSameAs(wrong.Error);
        await _hasher.Received(1).VerifyAsync(TestData.Password, TestData.StoredHash, TestContext.Current.CancellationToken);
        _throttles.Rows[_userKey].FailedCount.Should().Be(2, "both count toward the lockout");
        _sessions.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Handle_WhenRegistrationsAreHiddenAndTheAddressIsVerified_ShouldStartASession()
    {
        _user.MarkEmailVerified(TestData.Now);

        var result = await Handler(revealRegisteredEmails: false).Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_WhenTheUserChangedAfterItWasRead_ShouldStartNoSession()
    {
        _users.TryLockAsync(_user, Arg.Any<CancellationToken>()).Returns(false);

        var result = await Handler().Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        result.Error.Should().Be(UserErrors.InvalidCredentials, "the password it verified was changed or reset meanwhile");
        _sessions.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Handle_WhenRefused_ShouldRaiseLoginFailedWithTheSubjectAndTheCodeAndNoSessionEvent()
    {
        await Handler().Handle(ByEmail("alice@example.com", "wrong password"), TestContext.Current.CancellationToken);
        await Handler().Handle(ByEmail("nobody@example.com"), TestContext.Current.CancellationToken);
        _user.Deactivate(TestData.Now.AddHours(1));
        await Handler().Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        _events.TakeAll().Should().Equal(
            new LoginFailedEvent(_user.Id, "INVALID_CREDENTIALS", Now),
            new LoginFailedEvent(null, "INVALID_CREDENTIALS", Now),
            new LoginFailedEvent(_user.Id, "ACCOUNT_INACTIVE", Now));
    }

    [Fact]
    public async Task Handle_WhenAccepted_ShouldRaiseNoFailure()
    {
        await Handler().Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        _events.TakeAll().Should().BeEmpty("the login's event is the new session's SessionStartedEvent");
        _sessions.Received(1).Add(Arg.Is<Session>(s => s.DomainEvents.OfType<SessionStartedEvent>().Single().UserId == _user.Id));
    }

    private static LoginCommand ByEmail(string email, string password = TestData.Password) => new(email, null, password, null, null);

    private LoginCommandHandler Handler(bool requireVerifiedEmail = false, bool revealRegisteredEmails = true) =>
        new(_users, _sessions, AccountFakes.Guard(_hasher, _clock, _throttles, _lockout, events: _events), _hasher, TokenServiceFake.Create(),
            Options.Create(new AuthOptions { RequireVerifiedEmail = requireVerifiedEmail, RevealRegisteredEmails = revealRegisteredEmails }), _events, _clock);

    private async Task AssertNoHashWorkAsync()
    {
        await _hasher.DidNotReceiveWithAnyArgs().VerifyAsync(default!, default!, default);
        await _hasher.DidNotReceiveWithAnyArgs().VerifyAgainstDummyAsync(default!, default);
        await _hasher.DidNotReceiveWithAnyArgs().HashAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenAccepted_ShouldSettleTheAttemptAndRehashBeforeItsFirstWrite()
    {
        const string upgraded = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$dXBncmFkZWR1cGdyYWRlZHVwZ3JhZGVk";
        _hasher.VerifyAsync(TestData.Password, TestData.StoredHash, Arg.Any<CancellationToken>()).Returns(PasswordVerification.SucceededRehashNeeded);
        _hasher.HashAsync(TestData.Password, Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _throttles.Calls.Add("rehash");
            return upgraded;
        });
        _users.TryLockAsync(_user, Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _throttles.Calls.Add("lock user");
            return true;
        });

        var result = await Handler().Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue();
        _throttles.Calls.Should().Equal(
            [$"reserve {_userKey}", $"clear alone {_userKey}", "rehash", "lock user"],
            "the reservation needs the database free of this command's own transaction, and no hash runs inside it");
        _user.PasswordHash.Should().Be(upgraded);
    }

    [Fact]
    public async Task Handle_WhenRightAfterOneFailureShortOfTheLock_ShouldStartASessionAndCountAfreshAfterwards()
    {
        _throttles.Seed(AccountFakes.Throttle(_userKey, Now.AddMinutes(-1), failedCount: 2));

        var result = await Handler().Handle(ByEmail("alice@example.com"), TestContext.Current.CancellationToken);
        var nextFailure = await Handler().Handle(ByEmail("alice@example.com", "wrong password"), TestContext.Current.CancellationToken);

        result.IsSuccess.Should().BeTrue("the third attempt is checked although its reservation locked the account");
        _sessions.Received(1).Add(Arg.Is<Session>(s => s.UserId == _user.Id));
        _throttles.ClearedAlone.Should().Equal(_userKey);
        nextFailure.Error.Should().Be(UserErrors.InvalidCredentials);
        (_throttles.Rows[_userKey].FailedCount, _throttles.Rows[_userKey].LockedUntil).Should().Be((1, (DateTime?)null), "the success cleared the earlier failures and its own lock");
    }
}
