using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Events;
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
        _throttles.ClearedAlone.Should().Equal(Key);
        _throttles.Cleared.Should().BeEmpty("cleared at once, not in the unit of work");
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
    [Fact]
    public async Task Verify_WhenRight_ShouldReserveTheAttemptThenHashThenClearItAtOnce()
    {
        var countedWhileHashing = -1;
        _hasher.VerifyAsync(TestData.Password, TestData.StoredHash, Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _throttles.Calls.Add("hash");
            countedWhileHashing = _throttles.Rows[Key].FailedCount;
            return PasswordVerification.Succeeded;
        });
        var guard = AccountFakes.Guard(_hasher, _clock, _throttles);

        var ok = await guard.IsCurrentPasswordAsync(_user, TestData.Password, TestContext.Current.CancellationToken);

        ok.Should().BeTrue();
        _throttles.Calls.Should().Equal($"reserve {Key}", "hash", $"clear alone {Key}");
        countedWhileHashing.Should().Be(1, "the attempt was counted, and committed, before its password was checked");
        _throttles.Rows.Should().BeEmpty("the success cleared it");
        _throttles.Cleared.Should().BeEmpty("not in the unit of work, which a later refusal could roll back");
    }

    [Fact]
    public async Task Verify_WhenWrong_ShouldLeaveTheReservedFailureCountedAndClearNothing()
    {
        var guard = AccountFakes.Guard(_hasher, _clock, _throttles);

        var ok = await guard.IsCurrentPasswordAsync(_user, "not-the-password", TestContext.Current.CancellationToken);

        ok.Should().BeFalse();
        _throttles.Calls.Should().Equal($"reserve {Key}");
        _throttles.Rows[Key].FailedCount.Should().Be(1);
    }

    [Fact]
    public async Task Verify_WhenTheReservationLocksAndTheCheckFails_ShouldMailTheOwnerOnceWithTheLocksEnd()
    {
        _throttles.Seed(AccountFakes.Throttle(Key, _clock.UtcNow, failedCount: 4));
        var mailer = Substitute.For<IAccountMailer>();
        var lockedWhileHashing = false;
        _hasher.VerifyAsync("not-the-password", TestData.StoredHash, Arg.Any<CancellationToken>()).Returns(_ =>
        {
            lockedWhileHashing = _throttles.Rows[Key].LockedUntil is not null;
            mailer.ReceivedCalls().Should().BeEmpty("the owner is told only once the check has failed");
            return PasswordVerification.Failed;
        });
        var guard = AccountFakes.Guard(_hasher, _clock, _throttles, mailer: mailer);

        var ok = await guard.IsCurrentPasswordAsync(_user, "not-the-password", TestContext.Current.CancellationToken);

        ok.Should().BeFalse();
        lockedWhileHashing.Should().BeTrue("the fifth reservation locked the account before its check ran");
        mailer.Received(1).AccountLocked(_user.Email, _clock.UtcNow.AddMinutes(15));
        mailer.ReceivedCalls().Should().ContainSingle();
    }

    [Fact]
    public async Task Verify_WhenRightAfterOneFailureShortOfTheLock_ShouldSucceedAndClearTheLockItsReservationSet()
    {
        _throttles.Seed(AccountFakes.Throttle(Key, _clock.UtcNow, failedCount: 4));
        var mailer = Substitute.For<IAccountMailer>();
        var guard = AccountFakes.Guard(_hasher, _clock, _throttles, mailer: mailer);

        var ok = await guard.IsCurrentPasswordAsync(_user, TestData.Password, TestContext.Current.CancellationToken);
        var again = await guard.IsCurrentPasswordAsync(_user, TestData.Password, TestContext.Current.CancellationToken);

        ok.Should().BeTrue("the fifth attempt is still checked, and it is right");
        again.Should().BeTrue("the success cleared the lock its own reservation had set");
        _throttles.Rows.Should().BeEmpty();
        mailer.ReceivedCalls().Should().BeEmpty("nothing failed");
    }

    [Fact]
    public async Task Verify_WhenLocked_ShouldRefuseWith429RaiseTheRefusalAndNeitherHashNorCount()
    {
        _throttles.Seed(AccountFakes.Throttle(Key, _clock.UtcNow, failedCount: 0, lockoutCount: 1, lockedUntil: _clock.UtcNow.AddMinutes(3)));
        var events = new PendingEvents();
        var guard = AccountFakes.Guard(_hasher, _clock, _throttles, events: events);

        var act = () => guard.IsCurrentPasswordAsync(_user, "not-the-password", TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<LoginThrottledException>()).Which.RetryAfter.Should().Be(TimeSpan.FromMinutes(3));
        _hasher.ReceivedCalls().Should().BeEmpty();
        (_throttles.Rows[Key].FailedCount, _throttles.Rows[Key].LockoutCount).Should().Be((0, 1), "a refused attempt is not counted");
        _throttles.Calls.Should().Equal($"reserve {Key}");
        events.TakeRefusals().Should().Equal(new CleanAuth.Domain.LoginThrottling.LoginThrottledEvent(_user.Id, _clock.UtcNow));
    }

    [Fact]
    public async Task Verify_WhenTheHashNeverAnswers_ShouldLeaveTheAttemptCounted()
    {
        _hasher.VerifyAsync(TestData.Password, TestData.StoredHash, Arg.Any<CancellationToken>())
            .Returns<PasswordVerification>(_ => throw new ServiceUnavailableException("saturated", TimeSpan.FromSeconds(1)));
        var guard = AccountFakes.Guard(_hasher, _clock, _throttles);

        var act = () => guard.IsCurrentPasswordAsync(_user, TestData.Password, TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<ServiceUnavailableException>();
        _throttles.Rows[Key].FailedCount.Should().Be(1, "an attempt counts from its reservation: what was not checked stays counted");
    }

    [Fact]
    public async Task Verify_WhenAttemptsOnOneIdentifierOverlap_ShouldReserveTheNextOnlyOnceTheFirstIsSettled()
    {
        var firstHashing = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource<PasswordVerification>();
        var calls = 0;
        _hasher.VerifyAsync(TestData.Password, TestData.StoredHash, Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _throttles.Calls.Add("hash");
            if (Interlocked.Increment(ref calls) == 1)
            {
                firstHashing.SetResult();
                return releaseFirst.Task;
            }

            return Task.FromResult(PasswordVerification.Succeeded);
        });
        var turns = new AttemptTurns();
        var guard = AccountFakes.Guard(_hasher, _clock, _throttles, turns: turns);
        var other = TestData.NewUser("bob@example.com", "bob");
        var otherKey = LoginThrottle.ForUser(other.Id);

        var first = guard.IsCurrentPasswordAsync(_user, TestData.Password, TestContext.Current.CancellationToken);
        await firstHashing.Task;
        var second = guard.IsCurrentPasswordAsync(_user, TestData.Password, TestContext.Current.CancellationToken);
        var ofAnotherAccount = await AccountFakes.Guard(_hasher, _clock, _throttles, turns: turns)
            .VerifyAsync(otherKey, _ => Task.FromResult(PasswordVerification.Failed), TestContext.Current.CancellationToken);

        second.IsCompleted.Should().BeFalse("the second attempt waits for the first to be checked");
        _throttles.Reserved.Should().Equal([Key, otherKey], "another identifier does not wait");
        releaseFirst.SetResult(PasswordVerification.Succeeded);
        (await first, await second, ofAnotherAccount).Should().Be((true, true, PasswordVerification.Failed));
        _throttles.Calls.Should().Equal(
            $"reserve {Key}", "hash", $"reserve {otherKey}", $"clear alone {Key}", $"reserve {Key}", "hash", $"clear alone {Key}");
        turns.Count.Should().Be(0, "nothing is kept once no attempt runs");
    }
}
