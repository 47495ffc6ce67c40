using CleanAuth.Application.Common.Logging;

namespace CleanAuth.Application.Common.Interfaces;

public sealed record AccessToken(string Token, DateTime ExpiresAt, int ExpiresInSeconds)
{
    public override string ToString() => $"{nameof(AccessToken)} {{ Token = {Redaction.Of(Token)}, ExpiresAt = {ExpiresAt:o}, ExpiresInSeconds = {ExpiresInSeconds} }}";
}

/// <summary>An opaque token (256 random bits, base64url) as handed out, and the SHA-256 hash that is all we store of it.</summary>
public sealed record OpaqueToken(string Value, string Hash)
{
    public override string ToString() => $"{nameof(OpaqueToken)} {{ Value = {Redaction.Of(Value)}, Hash = {Redaction.Of(Hash)} }}";
}

/// <summary>Issues access tokens and opaque tokens (refresh, password reset, email verification, invitation).</summary>
public interface ITokenService
{
    /// <summary>A session's absolute lifetime.</summary>
    TimeSpan RefreshTokenLifetime { get; }

    /// <summary>How long a session lives without a refresh.</summary>
    TimeSpan RefreshTokenIdleTimeout { get; }

    /// <summary>How long after rotation a replayed token still yields its (unrotated) successor.</summary>
    TimeSpan RefreshReuseGrace { get; }

    /// <summary>An access token for the session; it never outlives <paramref name="sessionExpiresAt"/>.</summary>
    AccessToken CreateAccessToken(Guid userId, Guid sessionId, IEnumerable<string> roles, DateTime now, DateTime sessionExpiresAt);

    OpaqueToken NewOpaqueToken();

    /// <summary>The successor of <paramref name="presentedToken"/>; the same input always derives the same successor.</summary>
    OpaqueToken DeriveSuccessor(string presentedToken);

    string HashOpaqueToken(string token);
}
