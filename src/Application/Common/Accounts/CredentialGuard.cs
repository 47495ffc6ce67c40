using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Common.Accounts;

/// <summary>
/// The one place passwords are checked against lockout (ADR-012). Used by login and by every request that asks for the
/// current password, so a stolen access token cannot be used to guess the password without limit either. In order:
/// <list type="number">
/// <item>The attempt waits for its identifier's turn in this instance (<see cref="AttemptTurns"/>).</item>
/// <item>It is reserved in a short transaction of its own: a locked identifier is refused (429) before any hash runs;
/// otherwise the attempt is counted as a failure (<see cref="LoginThrottle.RecordFailure"/>), which may lock the
/// identifier, and committed.</item>
/// <item>The password is checked with no transaction and no connection held.</item>
/// <item>A success clears the identifier at once, in a statement of its own; a failure stays counted, and the one whose
/// reservation locked the identifier mails its owner, in the request's unit of work.</item>
/// </list>
/// It runs before the request's first write: the reservation could not go ahead while the request's own transaction holds
/// the database (SQLite) or the rows it wrote.
/// </summary>
public sealed class CredentialGuard
{
    private readonly IPasswordHasher _hasher;
    private readonly ILoginThrottleRepository _throttles;
    private readonly AttemptTurns _turns;
    private readonly IAccountMailer _mailer;
    private readonly PendingEvents _events;
    private readonly LockoutOptions _lockout;
    private readonly TimeProvider _clock;

    public CredentialGuard(
        IPasswordHasher hasher, ILoginThrottleRepository throttles, AttemptTurns turns, IAccountMailer mailer, PendingEvents events, IOptions<LockoutOptions> lockout,
        TimeProvider clock)
    {
        _events = events;
        _hasher = hasher;
        _throttles = throttles;
        _turns = turns;
        _mailer = mailer;
        _lockout = lockout.Value;
        _clock = clock;
    }

    /// <summary>
    /// Runs <paramref name="verify"/> under the lockout of <paramref name="throttleKey"/>. When this attempt locked the
    /// identifier, failed, and the identifier belongs to <paramref name="owner"/>, the owner is told once, by mail.
    /// </summary>
    /// <exception cref="LoginThrottledException">The identifier is locked out; nothing was verified or counted.</exception>
    public async Task<PasswordVerification> VerifyAsync(
        string throttleKey, Func<CancellationToken, Task<PasswordVerification>> verify, CancellationToken cancellationToken, User? owner = null)
    {
        using var turn = await _turns.TakeAsync(throttleKey, cancellationToken);
        var now = _clock.GetUtcNow().UtcDateTime;
        var reservation = await _throttles.ReserveAsync(throttleKey, now, throttle => Reserve(throttle, now), cancellationToken);
        if (reservation.RetryAfter is { } remaining)
        {
            // The exception rolls the unit of work back: recorded on its own as a refusal (ADR-004).
            _events.RaiseRefusal(new LoginThrottledEvent(owner?.Id, now));
            throw new LoginThrottledException(remaining);
        }

        // Counted already: a hash that never answers (a crash, a refusal of the hashing queue) leaves it counted.
        var verification = await verify(cancellationToken);
        if (verification == PasswordVerification.Failed)
        {
            // Only the failure that locks gets a date back: one notice per lock, and none for an identifier without an account.
            if (reservation.LockedUntil is { } until && owner is not null)
            {
                _mailer.AccountLocked(owner.Email, until);
            }
        }
        else
        {
            // Not the request's token: a verified password must not stay counted because the client hung up.
            await _throttles.ClearAloneAsync(throttleKey, CancellationToken.None);
        }

        return verification;
    }

    /// <summary>True when <paramref name="password"/> is the account's; failures count toward its lockout.</summary>
    public async Task<bool> IsCurrentPasswordAsync(User user, string password, CancellationToken cancellationToken) =>
        await VerifyAsync(
            LoginThrottle.ForUser(user.Id), ct => _hasher.VerifyAsync(password, user.PasswordHash, ct), cancellationToken, user) != PasswordVerification.Failed;

    /// <summary>Under the row lock: refused while locked; otherwise counted as a failure until the check says otherwise.</summary>
    private Reservation Reserve(LoginThrottle throttle, DateTime now) =>
        throttle.LockRemaining(now) is { } remaining
            ? new Reservation(remaining, null)
            : new Reservation(null, throttle.RecordFailure(now, _lockout.Policy));

    /// <param name="RetryAfter">Set when the identifier is locked: the attempt was refused, nothing counted.</param>
    /// <param name="LockedUntil">Set when counting this attempt locked the identifier.</param>
    private readonly record struct Reservation(TimeSpan? RetryAfter, DateTime? LockedUntil);
}
