using System.Buffers.Text;
using System.Text.Json;
using CleanAuth.Application.Common.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Infrastructure.Security.Tokens;

public static class JwtValidation
{
    /// <summary>Allowed for nbf and iat only (instances' clocks may differ a little); exp is enforced to the second.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    // Beyond the skew, for instances whose clocks differ when one records an event and another issued the token.
    private static readonly TimeSpan s_retentionMargin = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest Authorization header we look at (ours are well under 1 KB). Longer ones are refused before any
    /// parsing; Kestrel's header limit is raised above it so the refusal is a ProblemDetails answer, not an empty 431.
    /// </summary>
    public const int MaxAuthorizationHeaderLength = 8 * 1024;

    // Our segments are a few hundred bytes; decoding them on the stack keeps validation free of extra garbage.
    private const int StackDecodeLimit = 1024;

    /// <summary>
    /// How long after an event (a revocation, a role change, a deletion) an access token issued before it may still be
    /// accepted: the token's lifetime, the skew allowed on <c>iat</c>/<c>nbf</c>, and a margin. The in-memory registries
    /// keep an event that long and no longer (ADR-010, ADR-006).
    /// </summary>
    public static TimeSpan AccessTokenRetention(JwtOptions options) =>
        TimeSpan.FromMinutes(options.AccessTokenMinutes) + ClockSkew + s_retentionMargin;

    public static TokenValidationParameters CreateParameters(JwtOptions options, SecurityKey signingKey)
    {
        SecurityKey[] ours = [signingKey];
        return new()
        {
            // Only a token naming our key id is checked against our key: an unknown or missing kid is refused
            // (every token we issue carries it), never tried against whatever keys there are.
            IssuerSigningKeyResolver = (_, _, kid, _) => string.Equals(kid, signingKey.KeyId, StringComparison.Ordinal) ? ours : [],
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = [TokenService.AccessTokenType],
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = signingKey,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            LifetimeValidator = (_, _, token, parameters) =>
                token is JsonWebToken jwt && HasAcceptableHeaderAndTimes(jwt, DateTime.UtcNow, parameters.ClockSkew, TimeSpan.FromMinutes(options.AccessTokenMinutes)),
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            RequireAudience = true,
            ClockSkew = ClockSkew,
            NameClaimType = AccessTokenClaims.Subject,
            RoleClaimType = AccessTokenClaims.Roles,
        };
    }

    /// <summary>
    /// The rules the library does not apply, checked from the token's own JSON after its signature was verified
    /// (IdentityModel calls the lifetime validator only then): no <c>crit</c> header (we understand no extension);
    /// <c>iat</c>, <c>nbf</c> and <c>exp</c> are JSON numbers, <c>iat</c> and <c>exp</c> present and unique; <c>iat</c>
    /// and <c>nbf</c> not after now plus the skew; now before <c>exp</c> with no skew; and <c>exp − iat</c> within the
    /// access-token lifetime. The clock is the wall clock, as for the library's own checks.
    /// </summary>
    public static bool HasAcceptableHeaderAndTimes(JsonWebToken token, DateTime utcNow, TimeSpan clockSkew, TimeSpan maxLifetime)
    {
        if (!TryReadTopLevel(token.EncodedHeader, out var header) || header.Crit
            || !TryReadTopLevel(token.EncodedPayload, out var payload) || payload.Iat is not { } iat || payload.Exp is not { } exp)
        {
            return false;
        }

        var now = (utcNow - DateTime.UnixEpoch).TotalSeconds;
        var skew = clockSkew.TotalSeconds;
        return iat <= now + skew
            && (payload.Nbf is not { } nbf || nbf <= now + skew)
            && now < exp
            && exp - iat <= maxLifetime.TotalSeconds;
    }

    private static bool TryReadTopLevel(string encodedSegment, out TopLevel found)
    {
        found = default;
        try
        {
            var maxLength = Base64Url.GetMaxDecodedLength(encodedSegment.Length);
            Span<byte> buffer = maxLength <= StackDecodeLimit ? stackalloc byte[StackDecodeLimit] : new byte[maxLength];
            var status = Base64Url.DecodeFromChars(encodedSegment, buffer, out _, out var written);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            var reader = new Utf8JsonReader(buffer[..written]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("crit"u8))
                {
                    found.Crit = true;
                    reader.Read();
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("iat"u8))
                {
                    if (found.Iat is not null || !TryReadNumber(ref reader, out var value))
                    {
                        return false;
                    }

                    found.Iat = value;
                }
                else if (reader.ValueTextEquals("nbf"u8))
                {
                    if (found.Nbf is not null || !TryReadNumber(ref reader, out var value))
                    {
                        return false;
                    }

                    found.Nbf = value;
                }
                else if (reader.ValueTextEquals("exp"u8))
                {
                    if (found.Exp is not null || !TryReadNumber(ref reader, out var value))
                    {
                        return false;
                    }

                    found.Exp = value;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return reader.TokenType == JsonTokenType.EndObject;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return false;
        }
    }

    private static bool TryReadNumber(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value) && double.IsFinite(value);
    }

    private struct TopLevel
    {
        public bool Crit;
        public double? Iat;
        public double? Nbf;
        public double? Exp;
    }
}

/// <summary>
/// Bearer validation: the pinned algorithm, type, issuer, audience and lifetime, claims kept as issued
/// (no inbound mapping), the token only from the Authorization header, a token validated before remembered until its
/// expiry (<see cref="RememberingTokenHandler"/>, ADR-024), then <see cref="ValidatedTokenCheck"/> on every request: a revoked
/// session or a deleted account refused, and recently changed roles made current, from in-memory registries.
/// </summary>
internal sealed class JwtBearerOptionsSetup : IPostConfigureOptions<JwtBearerOptions>
{
    private readonly JwtOptions _options;
    private readonly SigningKeyProvider _keys;
    private readonly ValidatedTokenCheck _check;

    public JwtBearerOptionsSetup(IOptions<JwtOptions> options, SigningKeyProvider keys, ValidatedTokenCheck check)
    {
        _options = options.Value;
        _keys = keys;
        _check = check;
    }

    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false;
        options.SaveToken = false;
        options.RequireHttpsMetadata = false;
        options.TokenValidationParameters = JwtValidation.CreateParameters(_options, _keys.SigningKey);
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(new RememberingTokenHandler
        {
            MapInboundClaims = false,
            MaximumTokenSizeInBytes = JwtValidation.MaxAuthorizationHeaderLength,
        });

        options.Events ??= new JwtBearerEvents();
        options.Events.OnMessageReceived = context =>
        {
            // Refused cheaply, before any parsing: far longer than any token we issue.
            var authorization = context.Request.Headers.Authorization;
            if (authorization.Count > 1 || (authorization.Count == 1 && authorization[0]!.Length > JwtValidation.MaxAuthorizationHeaderLength))
            {
                context.Fail("The Authorization header is too large.");
            }

            return Task.CompletedTask;
        };
        options.Events.OnTokenValidated = context =>
        {
            if (!_check.Admit(context.Principal, context.SecurityToken))
            {
                context.Fail("The session or its account has ended.");
            }

            return Task.CompletedTask;
        };
    }
}
