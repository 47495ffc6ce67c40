using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Infrastructure.Security.Tokens;

public static class JwtValidation
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static TokenValidationParameters CreateParameters(JwtOptions options, SecurityKey signingKey) => new()
    {
        // Only a token naming our key id is checked against our key: an unknown or missing kid is refused
        // (every token we issue carries it), never tried against whatever keys there are.
        IssuerSigningKeyResolver = (_, _, kid, _) => string.Equals(kid, signingKey.KeyId, StringComparison.Ordinal) ? [signingKey] : [],
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidTypes = [TokenService.AccessTokenType],
        ValidIssuer = options.Issuer,
        ValidAudience = options.Audience,
        IssuerSigningKey = signingKey,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        RequireAudience = true,
        ClockSkew = ClockSkew,
        NameClaimType = "sub",
        RoleClaimType = TokenService.RolesClaim,
    };
}

/// <summary>
/// Bearer validation: the pinned algorithm, type, issuer, audience and lifetime, claims kept as issued
/// (no inbound mapping), the token only from the Authorization header, and a revoked session refused
/// through the in-memory <see cref="RevokedSessionRegistry"/>.
/// </summary>
internal sealed class JwtBearerOptionsSetup : IPostConfigureOptions<JwtBearerOptions>
{
    private readonly JwtOptions _options;
    private readonly SigningKeyProvider _keys;
    private readonly RevokedSessionRegistry _revokedSessions;

    public JwtBearerOptionsSetup(IOptions<JwtOptions> options, SigningKeyProvider keys, RevokedSessionRegistry revokedSessions)
    {
        _options = options.Value;
        _keys = keys;
        _revokedSessions = revokedSessions;
    }

    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false;
        options.SaveToken = false;
        options.RequireHttpsMetadata = false;
        options.TokenValidationParameters = JwtValidation.CreateParameters(_options, _keys.SigningKey);
        options.Events ??= new JwtBearerEvents();
        options.Events.OnTokenValidated = context =>
        {
            var sid = context.Principal?.FindFirst(TokenService.SessionIdClaim)?.Value;
            if (!Guid.TryParse(sid, out var sessionId) || _revokedSessions.IsRevoked(sessionId))
            {
                context.Fail("The session has ended.");
            }

            return Task.CompletedTask;
        };
    }
}
