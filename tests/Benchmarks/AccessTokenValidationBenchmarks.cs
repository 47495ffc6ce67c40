using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;
using CleanAuth.Infrastructure.Security.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Benchmarks;

/// <summary>
/// What the JWT bearer handler does per request, with and without <see cref="ValidatedTokenCheck"/>, the body of
/// <c>JwtBearerOptionsSetup.OnTokenValidated</c> (revoked session, deleted account, current roles). The handler clones
/// its validation parameters on every request; building them with <see cref="JwtValidation.CreateParameters"/> per call
/// stands in for that clone. It then wraps the (lazily created) claims identity in a principal, which every variant does.
/// </summary>
[MemoryDiagnoser]
public class AccessTokenValidationBenchmarks
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly RememberingTokenHandler _rememberingHandler = new() { MapInboundClaims = false };
    private TokenFixture _fixture = null!;
    private RevokedSessionRegistry _revokedSessions = null!;
    private ValidatedTokenCheck _check = null!;
    private ValidatedTokenCheck _checkWithTheUsersRoleChange = null!;
    private ClaimsPrincipal _validatedPrincipal = null!;
    private SecurityToken _validatedToken = null!;

    /// <summary>Entries in each registry: revoked sessions and users with a recent role change (none of them the token's).</summary>
    [Params(0, 10_000, 1_000_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = TokenFixture.Create();
        _revokedSessions = TokenFixture.RegistryWith(Entries, TimeProvider.System, out _);
        var roleChanges = TokenFixture.RoleChangesWith(Entries, TimeProvider.System, out _);
        _check = new ValidatedTokenCheck(_revokedSessions, roleChanges);

        // The rare path: the same registries plus a role change of the token's own user (user → guest).
        var withTheUser = TokenFixture.RoleChangesWith(Entries, TimeProvider.System, out _);
        withTheUser.SetRoles(_fixture.UserId, [RoleName.Guest], DateTime.UtcNow);
        _checkWithTheUsersRoleChange = new ValidatedTokenCheck(_revokedSessions, withTheUser);

        (_validatedPrincipal, _validatedToken) = ValidateAsync().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException("The benchmark token does not validate.");
        if (!ValidateAndCheck().GetAwaiter().GetResult() || !CheckOnly() || !PreviousCheckOnly() || !ValidateRemembered().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark token is unexpectedly refused.");
        }

        var (principal, token) = ValidateAsync().GetAwaiter().GetResult()!.Value;
        if (!_checkWithTheUsersRoleChange.Admit(principal, token)
            || !principal.FindAll(AccessTokenClaims.Roles).Select(c => c.Value).SequenceEqual([RoleName.Guest])
            || !_validatedPrincipal.FindAll(AccessTokenClaims.Roles).Select(c => c.Value).SequenceEqual([RoleName.User]))
        {
            throw new InvalidOperationException("The role change is not applied as expected.");
        }
    }

    /// <summary>Signature, algorithm, type, issuer, audience and lifetime; the principal the handler builds.</summary>
    [Benchmark(Baseline = true)]
    public async Task<bool> Validate() => await ValidateAsync() is not null;

    /// <summary>
    /// The app's handler on a token it validated before (ADR-024; the set-up validated it once): the remembered answer,
    /// with an identity of its own, and the principal.
    /// </summary>
    [Benchmark]
    public async Task<bool> ValidateRemembered()
    {
        var result = await _rememberingHandler.ValidateTokenAsync(_fixture.Token, JwtValidation.CreateParameters(_fixture.Options, _fixture.Key));
        return result.IsValid && new ClaimsPrincipal(result.ClaimsIdentity).Identity is not null;
    }

    /// <summary>The same, then the <c>OnTokenValidated</c> check for a user with no recent role change (nearly every request).</summary>
    [Benchmark]
    public async Task<bool> ValidateAndCheck() => await ValidateAsync() is { } validated && _check.Admit(validated.Principal, validated.Token);

    /// <summary>The same for a user whose roles changed recently: the token's role claims are replaced (the rare path).</summary>
    [Benchmark]
    public async Task<bool> ValidateAndCheckChangedRoles() =>
        await ValidateAsync() is { } validated && _checkWithTheUsersRoleChange.Admit(validated.Principal, validated.Token);

    /// <summary>The check alone, on a token already validated (claims already materialized), user with no recent change.</summary>
    [Benchmark]
    public bool CheckOnly() => _check.Admit(_validatedPrincipal, _validatedToken);

    /// <summary>
    /// For comparison, the check as it was before the current roles (issue 8): the <c>sid</c> claim found among the
    /// principal's claims, parsed, and looked up in the revoked sessions.
    /// </summary>
    [Benchmark]
    public bool PreviousCheckOnly() =>
        Guid.TryParse(_validatedPrincipal.FindFirst(AccessTokenClaims.SessionId)?.Value, out var sessionId) && !_revokedSessions.IsRevoked(sessionId);

    private async Task<(ClaimsPrincipal Principal, SecurityToken Token)?> ValidateAsync()
    {
        var result = await _handler.ValidateTokenAsync(_fixture.Token, JwtValidation.CreateParameters(_fixture.Options, _fixture.Key));
        return result.IsValid ? (new ClaimsPrincipal(result.ClaimsIdentity), result.SecurityToken) : null;
    }
}
