using CleanAuth.Application.Auth.Dtos;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Results;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.Login;

public sealed class LoginCommandHandler : IRequestHandler<LoginCommand, Result<TokenPairDto>>
{
    private readonly IUserRepository _users;
    private readonly ISessionRepository _sessions;
    private readonly IPasswordHasher _hasher;
    private readonly ITokenService _tokens;
    private readonly TimeProvider _clock;

    public LoginCommandHandler(IUserRepository users, ISessionRepository sessions, IPasswordHasher hasher, ITokenService tokens, TimeProvider clock)
    {
        _users = users;
        _sessions = sessions;
        _hasher = hasher;
        _tokens = tokens;
        _clock = clock;
    }

    public async Task<Result<TokenPairDto>> Handle(LoginCommand request, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrEmpty(request.Email)
            ? await _users.FindByNormalizedUsernameAsync(Username.Normalize(request.Username!), cancellationToken)
            : await _users.FindByNormalizedEmailAsync(Email.Normalize(request.Email), cancellationToken);

        if (user is null)
        {
            // Same work as a real verification, so an unknown account answers in the same time.
            await _hasher.VerifyAgainstDummyAsync(request.Password!, cancellationToken);
            return UserErrors.InvalidCredentials;
        }

        var verification = await _hasher.VerifyAsync(request.Password!, user.PasswordHash, cancellationToken);
        if (verification == PasswordVerification.Failed)
        {
            return UserErrors.InvalidCredentials;
        }

        // Only after the password checks out, so the answer reveals nothing to someone without it.
        if (!user.IsActive)
        {
            return UserErrors.AccountInactive;
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        if (verification == PasswordVerification.SucceededRehashNeeded)
        {
            user.UpgradePasswordHash(await _hasher.HashAsync(request.Password!, cancellationToken), now);
        }

        var refreshToken = _tokens.NewRefreshToken();
        var session = Session.Start(user.Id, refreshToken.Hash, now, _tokens.RefreshTokenLifetime, request.IpAddress, request.UserAgent);
        _sessions.Add(session);
        return _tokens.CreateTokenPair(user.Id, session.Id, user.RoleNames, refreshToken.Value, now);
    }
}
