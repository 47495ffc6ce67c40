using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using CleanAuth.Infrastructure.Security.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CleanAuth.Benchmarks;

/// <summary>
/// What the JWT bearer handler does per request, with and without the revocation check of
/// <c>JwtBearerOptionsSetup.OnTokenValidated</c>. The handler clones its validation parameters on every request;
/// building them with <see cref="JwtValidation.CreateParameters"/> per call stands in for that clone. It then wraps
/// the (lazily created) claims identity in a principal, which both variants do too.
/// </summary>
[MemoryDiagnoser]
public class AccessTokenValidationBenchmarks
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private TokenFixture _fixture = null!;
    private RevokedSessionRegistry _registry = null!;
    private ClaimsPrincipal _validatedPrincipal = null!;

    /// <summary>Revoked sessions in the registry (none of them the token's).</summary>
    [Params(0, 10_000, 1_000_000)]
    public int RevokedSessions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = TokenFixture.Create();
        _registry = TokenFixture.RegistryWith(RevokedSessions, TimeProvider.System, out _);
        _validatedPrincipal = ValidateAsync().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException("The benchmark token does not validate.");
        if (!ValidateAndCheckRevocation().GetAwaiter().GetResult() || !RevocationCheckOnly())
        {
            throw new InvalidOperationException("The benchmark token's session is unexpectedly revoked.");
        }
    }

    /// <summary>Signature, algorithm, type, issuer, audience and lifetime; the principal the handler builds.</summary>
    [Benchmark(Baseline = true)]
    public async Task<bool> Validate() => await ValidateAsync() is not null;

    /// <summary>The same, then the <c>OnTokenValidated</c> check: the <c>sid</c> claim parsed and looked up.</summary>
    [Benchmark]
    public async Task<bool> ValidateAndCheckRevocation()
    {
        var principal = await ValidateAsync();
        return principal is not null && IsActive(principal);
    }

    /// <summary>The revocation check alone, on a principal already validated (claims already materialized).</summary>
    [Benchmark]
    public bool RevocationCheckOnly() => IsActive(_validatedPrincipal);

    private async Task<ClaimsPrincipal?> ValidateAsync()
    {
        var result = await _handler.ValidateTokenAsync(_fixture.Token, JwtValidation.CreateParameters(_fixture.Options, _fixture.Key));
        return result.IsValid ? new ClaimsPrincipal(result.ClaimsIdentity) : null;
    }

    // The body of JwtBearerOptionsSetup's OnTokenValidated.
    private bool IsActive(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(CleanAuth.Application.Common.Security.AccessTokenClaims.SessionId)?.Value, out var sessionId) && !_registry.IsRevoked(sessionId);
}
