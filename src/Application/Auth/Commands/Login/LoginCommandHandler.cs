using CleanAuth.Application.Auth.Dtos;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Options;
using CleanAuth.Application.Common.Results;
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
    private readonly ILoginThrottleRepository _throttles;
    private readonly IPasswordHasher _hasher;
    private readonly ITokenService _tokens;
    private readonly AuthOptions _auth;
    private readonly LockoutOptions _lockout;
    private readonly TimeProvider _clock;

    public LoginCommandHandler(
        IUserRepository users, ISessionRepository sessions, ILoginThrottleRepository throttles, IPasswordHasher hasher, ITokenService tokens,
        IOptions<AuthOptions> auth, IOptions<LockoutOptions> lockout, TimeProvider clock)
    {
        _users = users;
        _sessions = sessions;
        _throttles = throttles;
        _hasher = hasher;
        _tokens = tokens;
        _auth = auth.Value;
        _lockout = lockout.Value;
        _clock = clock;
    }

    public async Task<Result<TokenPairDto>> Handle(LoginCommand request, CancellationToken cancellationToken)
    {
        var byEmail = !string.IsNullOrEmpty(request.Email);
        var identifier = byEmail ? Email.Normalize(request.Email!) : Username.Normalize(request.Username!);
        var user = byEmail
            ? await _users.FindByNormalizedEmailAsync(identifier, cancellationToken)
            : await _users.FindByNormalizedUsernameAsync(identifier, cancellationToken);

        // Lockout is per identifier, existing or not, so it reveals nothing; a locked identifier costs no hash.
        var now = _clock.GetUtcNow().UtcDateTime;
        var throttleKey = user is null ? LoginThrottle.ForIdentifier(identifier) : LoginThrottle.ForUser(user.Id);
        var throttle = await _throttles.AcquireAsync(throttleKey, now, cancellationToken);
        if (throttle?.LockedUntil > now)
        {
            throw new LoginThrottledException(throttle.LockedUntil.Value - now);
        }

        var verification = user is null
            ? await VerifyUnknownAccountAsync(request.Password!, cancellationToken)
            : await _hasher.VerifyAsync(request.Password!, user.PasswordHash, cancellationToken);
        if (verification == PasswordVerification.Failed)
        {
            await _throttles.RecordFailureAsync(throttleKey, now, _lockout.MaxFailedAttempts, _lockout.DurationAfter, cancellationToken);
            return UserErrors.InvalidCredentials;
        }

        if (throttle is { FailedCount: > 0 } or { LockoutCount: > 0 })
        {
            await _throttles.ClearAsync(throttleKey, cancellationToken);
        }

        // Only after the password checks out, so these answers reveal nothing to someone without it.
        if (!user!.IsActive)
        {
            return UserErrors.AccountInactive;
        }

        if (_auth.RequireVerifiedEmail && !user.EmailVerified)
        {
            return UserErrors.EmailNotVerified;
        }

        if (verification == PasswordVerification.SucceededRehashNeeded)
        {
            user.UpgradePasswordHash(await _hasher.HashAsync(request.Password!, cancellationToken), now);
        }

        var refreshToken = _tokens.NewOpaqueToken();
        var session = Session.Start(user.Id, refreshToken.Hash, now, _tokens.RefreshTokenLifetime, request.IpAddress, request.UserAgent);
        _sessions.Add(session);
        return _tokens.CreateTokenPair(session, user.RoleNames, refreshToken.Value, now);
    }

    /// <summary>Same work as a real verification, so an unknown account answers in the same time.</summary>
    private async Task<PasswordVerification> VerifyUnknownAccountAsync(string password, CancellationToken cancellationToken)
    {
        await _hasher.VerifyAgainstDummyAsync(password, cancellationToken);
        return PasswordVerification.Failed;
    }
}
