using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Common.Accounts;

/// <summary>
/// The one place passwords are checked against lockout: a locked identifier is refused (429) before any hash runs,
/// a failure counts toward the lockout, a success clears it. Used by login and by every request that asks for the
/// current password, so a stolen access token cannot be used to guess the password without limit either.
/// </summary>
public sealed class CredentialGuard
{
    private readonly IPasswordHasher _hasher;
    private readonly ILoginThrottleRepository _throttles;
    private readonly IAccountMailer _mailer;
    private readonly PendingEvents _events;
    private readonly LockoutOptions _lockout;
    private readonly TimeProvider _clock;

    public CredentialGuard(
        IPasswordHasher hasher, ILoginThrottleRepository throttles, IAccountMailer mailer, PendingEvents events, IOptions<LockoutOptions> lockout, TimeProvider clock)
    {
        _events = events;
        _hasher = hasher;
        _throttles = throttles;
        _mailer = mailer;
        _lockout = lockout.Value;
        _clock = clock;
    }

    /// <summary>
    /// Runs <paramref name="verify"/> under the lockout of <paramref name="throttleKey"/>. When this failure locks the
    /// identifier and it belongs to <paramref name="owner"/>, the owner is told once, by mail.
    /// </summary>
    /// <exception cref="LoginThrottledException">The identifier is locked out; nothing was verified.</exception>
    public async Task<PasswordVerification> VerifyAsync(
        string throttleKey, Func<CancellationToken, Task<PasswordVerification>> verify, CancellationToken cancellationToken, User? owner = null)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var throttle = await _throttles.AcquireAsync(throttleKey, now, cancellationToken);
        if (throttle.LockRemaining(now) is { } remaining)
        {
            // The exception rolls the unit of work back: recorded on its own as a refusal (ADR-004).
            _events.RaiseRefusal(new LoginThrottledEvent(owner?.Id, now));
            throw new LoginThrottledException(remaining);
        }

        var verification = await verify(cancellationToken);
        if (verification == PasswordVerification.Failed)
        {
            // Only the failure that locks gets a date back: one notice per lock, and none for an identifier without an account.
            if (throttle.RecordFailure(now, _lockout.Policy) is { } until && owner is not null)
            {
                _mailer.AccountLocked(owner.Email, until);
            }
        }
        else if (throttle.HasFailures)
        {
            await _throttles.ClearAsync(throttleKey, cancellationToken);
        }

        return verification;
    }

    /// <summary>True when <paramref name="password"/> is the account's; failures count toward its lockout.</summary>
    public async Task<bool> IsCurrentPasswordAsync(User user, string password, CancellationToken cancellationToken) =>
        await VerifyAsync(
            LoginThrottle.ForUser(user.Id), ct => _hasher.VerifyAsync(password, user.PasswordHash, ct), cancellationToken, user) != PasswordVerification.Failed;
}
