using CleanAuth.Application.Auth.Dtos;
using CleanAuth.Application.Common.Accounts;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Auth.Commands.Login;

public sealed class LoginCommandHandler : IRequestHandler<LoginCommand, Result<TokenPairDto>>
{
    private readonly IUserRepository _users;
    private readonly ISessionRepository _sessions;
    private readonly CredentialGuard _guard;
    private readonly IPasswordHasher _hasher;
    private readonly ITokenService _tokens;
    private readonly AuthOptions _auth;
    private readonly PendingEvents _events;
    private readonly TimeProvider _clock;

    public LoginCommandHandler(
        IUserRepository users, ISessionRepository sessions, CredentialGuard guard, IPasswordHasher hasher, ITokenService tokens,
        IOptions<AuthOptions> auth, PendingEvents events, TimeProvider clock)
    {
        _events = events;
        _users = users;
        _sessions = sessions;
        _guard = guard;
        _hasher = hasher;
        _tokens = tokens;
        _auth = auth.Value;
        _clock = clock;
    }

    public async Task<Result<TokenPairDto>> Handle(LoginCommand request, CancellationToken cancellationToken)
    {
        var (given, byEmail) = request.Identifier();
        var identifier = byEmail ? Email.Normalize(given!) : Username.Normalize(given!);
        var user = byEmail
            ? await _users.FindByNormalizedEmailAsync(identifier, cancellationToken)
            : await _users.FindByNormalizedUsernameAsync(identifier, cancellationToken);

        // Lockout is per identifier, existing or not, so it reveals nothing; a locked identifier costs no hash. The guard
        // runs before this command's first write (its reservation has a transaction of its own).
        var now = _clock.GetUtcNow().UtcDateTime;
        var throttleKey = user is null ? LoginThrottle.ForIdentifier(identifier) : LoginThrottle.ForUser(user.Id);
        var verification = await _guard.VerifyAsync(
            throttleKey,
            ct => user is null ? VerifyUnknownAccountAsync(request.Password!, ct) : VerifyAccountAsync(user, request.Password!, ct),
            cancellationToken,
            owner: user);

        if (verification == PasswordVerification.Failed)
        {
            return Refuse(user?.Id, UserErrors.InvalidCredentials, now);
        }

        // Hashed before the first write, so no transaction is held while it runs (wasted only if refused below; rare).
        var upgradedHash = verification == PasswordVerification.SucceededRehashNeeded ? await _hasher.HashAsync(request.Password!, cancellationToken) : null;

        // The first write: the stamp check also refuses a login that verified a password changed or reset meanwhile (ADR-013).
        if (!await _users.TryLockAsync(user!, cancellationToken))
        {
            return Refuse(user!.Id, UserErrors.InvalidCredentials, now);
        }

        // Only after the password checks out, so these answers reveal nothing to someone without it.
        if (!user!.IsActive)
        {
            return Refuse(user.Id, UserErrors.AccountInactive, now);
        }

        if (_auth.RequireVerifiedEmail && !user.EmailVerified)
        {
            return Refuse(user.Id, UserErrors.EmailNotVerified, now);
        }

        if (upgradedHash is not null)
        {
            user.UpgradePasswordHash(upgradedHash, now);
        }

        // Written with the new session in the commit's one batch: no round trip of its own.
        user.RecordLogin(now);
        var refreshToken = _tokens.NewOpaqueToken();
        var session = Session.Start(user.Id, refreshToken.Hash, now, _tokens.RefreshTokenLifetime, _tokens.RefreshTokenIdleTimeout, request.IpAddress, request.UserAgent);
        _sessions.Add(session);
        return _tokens.CreateTokenPair(session, user.RoleNames, refreshToken.Value, now);
    }

    private Error Refuse(Guid? userId, Error error, DateTime now)
    {
        _events.Raise(new LoginFailedEvent(userId, error.Code, now));
        return error;
    }

    /// <summary>
    /// While registrations are hidden, an unverified account fails exactly like a wrong password (and counts toward
    /// lockout like one): otherwise registering a taken address and then logging in with the chosen password would
    /// tell whether the address was free. The verification mail is the way in.
    /// </summary>
    private async Task<PasswordVerification> VerifyAccountAsync(User user, string password, CancellationToken cancellationToken)
    {
        var verification = await _hasher.VerifyAsync(password, user.PasswordHash, cancellationToken);
        return !_auth.RevealRegisteredEmails && !user.EmailVerified ? PasswordVerification.Failed : verification;
    }

    /// <summary>Same work as a real verification, so an unknown account answers in the same time.</summary>
    private async Task<PasswordVerification> VerifyUnknownAccountAsync(string password, CancellationToken cancellationToken)
    {
        await _hasher.VerifyAgainstDummyAsync(password, cancellationToken);
        return PasswordVerification.Failed;
    }
}
