namespace CleanAuth.Application.Common.Interfaces;

public sealed record AccessToken(string Token, DateTime ExpiresAt, int ExpiresInSeconds);

/// <summary>An opaque refresh token as handed to the client, and the hash that is all we store of it.</summary>
public sealed record IssuedRefreshToken(string Value, string Hash);

/// <summary>Issues access tokens and opaque refresh tokens.</summary>
public interface ITokenService
{
    TimeSpan RefreshTokenLifetime { get; }

    /// <summary>How long after rotation a replayed token still yields its (unrotated) successor.</summary>
    TimeSpan RefreshReuseGrace { get; }

    AccessToken CreateAccessToken(Guid userId, Guid sessionId, IEnumerable<string> roles, DateTime now);

    IssuedRefreshToken NewRefreshToken();

    /// <summary>The successor of <paramref name="presentedToken"/>; the same input always derives the same successor.</summary>
    IssuedRefreshToken DeriveSuccessor(string presentedToken);

    string HashRefreshToken(string token);
}
