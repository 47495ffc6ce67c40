using System.Security.Cryptography;
using CleanAuth.Domain.Authorization;
using CleanAuth.Infrastructure.Security.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Benchmarks;

/// <summary>
/// A real access token, issued by the app's own <see cref="TokenService"/> (HS256, <c>typ: at+jwt</c>, sub, sid,
/// jti, roles, iat/nbf/exp, iss, aud), with the options and key the bearer handler validates it with.
/// </summary>
internal sealed class TokenFixture
{
    private TokenFixture(JwtOptions options, SecurityKey key, string token, Guid userId, Guid sessionId)
    {
        Options = options;
        Key = key;
        Token = token;
        UserId = userId;
        SessionId = sessionId;
    }

    public JwtOptions Options { get; }

    public SecurityKey Key { get; }

    public string Token { get; }

    public Guid UserId { get; }

    public Guid SessionId { get; }

    public static TokenFixture Create()
    {
        var options = new JwtOptions { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(JwtOptions.MinimumKeyBytes)) };
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var keys = new SigningKeyProvider(wrapped);
        var userId = Guid.NewGuid();
        var sessionId = Guid.NewGuid();
        var token = new TokenService(wrapped, keys).CreateAccessToken(userId, sessionId, [RoleName.User], DateTime.UtcNow, DateTime.UtcNow.AddDays(7));
        return new TokenFixture(options, keys.SigningKey, token.Token, userId, sessionId);
    }

    /// <summary>A registry holding <paramref name="count"/> revoked sessions, none of them <see cref="SessionId"/>.</summary>
    public static RevokedSessionRegistry RegistryWith(int count, TimeProvider clock, out Guid[] revokedIds)
    {
        var registry = new RevokedSessionRegistry(Microsoft.Extensions.Options.Options.Create(new JwtOptions()), clock);
        revokedIds = new Guid[count];
        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < count; i++)
        {
            revokedIds[i] = Guid.NewGuid();
            registry.Add(revokedIds[i], now);
        }

        if (registry.Count != count)
        {
            throw new InvalidOperationException($"Expected {count} revoked sessions, the registry holds {registry.Count}.");
        }

        return registry;
    }

    /// <summary>
    /// A registry holding <paramref name="count"/> users whose roles changed just now (none of them <see cref="UserId"/>),
    /// the ids in <paramref name="changedIds"/>.
    /// </summary>
    public static RoleChangeRegistry RoleChangesWith(int count, TimeProvider clock, out Guid[] changedIds)
    {
        var registry = new RoleChangeRegistry(Microsoft.Extensions.Options.Options.Create(new JwtOptions()), clock);
        changedIds = new Guid[count];
        var now = clock.GetUtcNow().UtcDateTime;
        string[] roles = [RoleName.Guest];
        for (var i = 0; i < count; i++)
        {
            changedIds[i] = Guid.NewGuid();
            registry.SetRoles(changedIds[i], roles, now);
        }

        if (registry.Count != count)
        {
            throw new InvalidOperationException($"Expected {count} role changes, the registry holds {registry.Count}.");
        }

        return registry;
    }
}

/// <summary>A clock the benchmarks move by hand, to let registry entries expire.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
