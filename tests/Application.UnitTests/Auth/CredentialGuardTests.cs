using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Users;
using NSubstitute;

namespace CleanAuth.Application.UnitTests.Auth;

public sealed class CredentialGuardTests
{
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly InMemoryLoginThrottles _throttles = new();
    private readonly FakeTimeProvider _clock = new(TestData.Now.AddDays(1));
    private readonly User _user = TestData.NewUser();

    public CredentialGuardTests()
    {
        _hasher.VerifyAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(PasswordVerification.Failed);
        _hasher.VerifyAsync(TestData.Password, TestData.StoredHash, Arg.Any<CancellationToken>()).Returns(PasswordVerification.Succeeded);
    }

    private string Key => LoginThrottle.ForUser(_user.Id);

    [Fact]
    public async Task IsCurrentPassword_WhenWrong_ShouldCountTowardTheAccountsLockout()
    {
        var guard = AccountFakes.Guard(_hasher, _clock, _throttles, new LockoutOptions { MaxFailedAttempts = 4 });

        var ok = await guard.IsCurrentPasswordAsync(_user, "not-the-password", TestContext.Current.CancellationToken);

        ok.Should().BeFalse();
        _throttles.Rows[Key].FailedCount.Should().Be(1);
        _throttles.Rows[Key].LastFailureAt.Should().Be(_clock.UtcNow);
    }

    [Fact]
    public async Task IsCurrentPassword_WhenTheAccountIsLocked_ShouldRefuseWithoutHashing()
    {
        _throttles.Seed(AccountFakes.Throttle(Key, _clock.UtcNow, lockedUntil: _clock.UtcNow.AddMinutes(3)));
        var guard = AccountFakes.Guard(_hasher, _clock, _throttles);

        var act = () => guard.IsCurrentPasswordAsync(_user, TestData.Password, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<LoginThrottledException>()).Which.RetryAfter.Should().Be(TimeSpan.FromMinutes(3));
        await _hasher.DidNotReceiveWithAnyArgs().VerifyAsync(default!, default!, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task IsCurrentPassword_WhenRightAfterFailures_ShouldClearThem()
    {
        _throttles.Seed(AccountFakes.Throttle(Key, _clock.UtcNow, failedCount: 2));
        var guard = AccountFakes.Guard(_hasher, _clock, _throttles);

        var ok = await guard.IsCurrentPasswordAsync(_user, TestData.Password, TestContext.Current.CancellationToken);

        ok.Should().BeTrue();
        _throttles.Cleared.Should().Equal(Key);
    }

    [Fact]
    public async Task Verify_WhenThisFailureLocksTheOwnersAccount_ShouldMailTheOwnerOnce()
    {
        var lockedUntil = _clock.UtcNow.AddMinutes(15);
        _throttles.Seed(AccountFakes.Throttle(Key, _clock.UtcNow, failedCount: 3));
        var mailer = Substitute.For<IAccountMailer>();
        var guard = AccountFakes.Guard(_hasher, _clock, _throttles, mailer: mailer);

        await guard.IsCurrentPasswordAsync(_user, "not-the-password", TestContext.Current.CancellationToken);
        await guard.IsCurrentPasswordAsync(_user, "not-the-password", TestContext.Current.CancellationToken);
        var afterTheLock = () => guard.IsCurrentPasswordAsync(_user, "not-the-password", TestContext.Current.CancellationToken);
        await afterTheLock.Should().ThrowAsync<LoginThrottledException>();

        mailer.Received(1).AccountLocked(_user.Email, lockedUntil);
        mailer.ReceivedCalls().Should().ContainSingle();
    }

    [Fact]
    public async Task Verify_WhenAnIdentifierWithoutAnAccountIsLocked_ShouldMailNobody()
    {
        var key = LoginThrottle.ForIdentifier("nobody@example.com");
        _throttles.Seed(AccountFakes.Throttle(key, _clock.UtcNow, failedCount: 4));
        var mailer = Substitute.For<IAccountMailer>();
        var guard = AccountFakes.Guard(_hasher, _clock, _throttles, mailer: mailer);

        var verification = await guard.VerifyAsync(key, _ => Task.FromResult(PasswordVerification.Failed), TestContext.Current.CancellationToken);

        verification.Should().Be(PasswordVerification.Failed);
        _throttles.Rows[key].LockedUntil.Should().NotBeNull("this failure locked the identifier");
        mailer.ReceivedCalls().Should().BeEmpty();
    }
}
