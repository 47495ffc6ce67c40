using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using CleanAuth.Domain.Authorization;
using CleanAuth.Infrastructure.Security.Tokens;

namespace CleanAuth.Benchmarks;

/// <summary>
/// What <see cref="TokenService"/> does on each login and refresh: sign an access token (HS256, <c>typ: at+jwt</c>,
/// sub/sid/jti/roles), draw a new refresh token (login) or derive a rotated one (refresh; HMAC-SHA256 of the presented
/// token), and hash an opaque token for storage or lookup (SHA-256). Validation is <see cref="AccessTokenValidationBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class TokenIssuingBenchmarks
{
    private static readonly string[] s_roles = [RoleName.User];

    private TokenService _tokens = null!;
    private string _presentedRefreshToken = null!;
    private Guid _userId;
    private Guid _sessionId;
    private DateTime _sessionEnd;

    [GlobalSetup]
    public void Setup()
    {
        var options = Microsoft.Extensions.Options.Options.Create(
            new JwtOptions { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(JwtOptions.MinimumKeyBytes)) });
        _tokens = new TokenService(options, new SigningKeyProvider(options));
        _presentedRefreshToken = _tokens.NewOpaqueToken().Value;
        _userId = Guid.NewGuid();
        _sessionId = Guid.NewGuid();
        _sessionEnd = DateTime.UtcNow.AddDays(30);
    }

    /// <summary>A signed access token.</summary>
    [Benchmark(Baseline = true)]
    public string CreateAccessToken() => _tokens.CreateAccessToken(_userId, _sessionId, s_roles, DateTime.UtcNow, _sessionEnd).Token;

    /// <summary>A login's refresh token: 256 random bits, base64url, and its SHA-256 hash.</summary>
    [Benchmark]
    public string NewRefreshToken() => _tokens.NewOpaqueToken().Hash;

    /// <summary>A refresh's rotated token: HMAC-SHA256 of the presented one, and its hash.</summary>
    [Benchmark]
    public string DeriveSuccessor() => _tokens.DeriveSuccessor(_presentedRefreshToken).Hash;

    /// <summary>The hash a refresh looks the presented token up by.</summary>
    [Benchmark]
    public string HashOpaqueToken() => _tokens.HashOpaqueToken(_presentedRefreshToken);

    /// <summary>Everything a refresh asks of the token service: look-up hash, successor, new access token.</summary>
    [Benchmark]
    public int RefreshTokenWork()
    {
        var lookup = _tokens.HashOpaqueToken(_presentedRefreshToken);
        var successor = _tokens.DeriveSuccessor(_presentedRefreshToken);
        var access = _tokens.CreateAccessToken(_userId, _sessionId, s_roles, DateTime.UtcNow, _sessionEnd);
        return lookup.Length + successor.Hash.Length + access.Token.Length;
    }
}
