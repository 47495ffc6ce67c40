using System.Security.Claims;
using System.Security.Cryptography;
using CleanAuth.Application.Common.Security;
using CleanAuth.Infrastructure.Security.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Infrastructure.IntegrationTests.Security;

/// <summary>
/// The bearer handler's check of a validated access token (its <c>OnTokenValidated</c>), on real tokens from the app's
/// <see cref="TokenService"/> validated as the handler validates them: the caller's current roles replace the token's,
/// and a revoked session or a deleted account is refused.
/// </summary>
public sealed class ValidatedTokenCheckTests
{
    private readonly JwtOptions _options = new() { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(JwtOptions.MinimumKeyBytes)) };
    private readonly SigningKeyProvider _keys;
    private readonly TokenService _tokens;
    private readonly RevokedSessionRegistry _revokedSessions;
    private readonly RoleChangeRegistry _roleChanges;
    private readonly ValidatedTokenCheck _check;
    private readonly Guid _userId = Guid.NewGuid();
    private readonly Guid _sessionId = Guid.NewGuid();

    public ValidatedTokenCheckTests()
    {
        var options = Microsoft.Extensions.Options.Options.Create(_options);
        _keys = new SigningKeyProvider(options);
        _tokens = new TokenService(options, _keys);
        _revokedSessions = new RevokedSessionRegistry(options, TimeProvider.System);
        _roleChanges = new RoleChangeRegistry(options, TimeProvider.System);
        _check = new ValidatedTokenCheck(_revokedSessions, _roleChanges);
    }

    [Fact]
    public async Task Admit_ForAUserWithNoRecentChange_ShouldKeepTheTokensRoles()
    {
        _roleChanges.SetRoles(Guid.NewGuid(), ["admin"], DateTime.UtcNow);
        var (principal, token) = await ValidateAsync(["user"]);

        _check.Admit(principal, token).Should().BeTrue();

        Roles(principal).Should().Equal("user");
    }

    [Fact]
    public async Task Admit_WhenTheUsersRolesChanged_ShouldReplaceTheTokensRolesWithTheCurrentOnes()
    {
        var (principal, token) = await ValidateAsync(["guest", "user"]);
        var claimsBefore = principal.Claims.Where(c => c.Type != AccessTokenClaims.Roles).Select(c => (c.Type, c.Value)).ToArray();
        _roleChanges.SetRoles(_userId, ["user", "admin"], DateTime.UtcNow);

        _check.Admit(principal, token).Should().BeTrue("a role change ends no session");

        Roles(principal).Should().Equal("admin", "user");
        principal.IsInRole("admin").Should().BeTrue();
        principal.IsInRole("guest").Should().BeFalse();
        principal.Claims.Where(c => c.Type != AccessTokenClaims.Roles).Select(c => (c.Type, c.Value)).Should().Equal(claimsBefore, "only the roles change");
    }

    [Fact]
    public async Task Admit_WhenTheAccountWasDeleted_ShouldRefuseTheToken()
    {
        var (principal, token) = await ValidateAsync(["user"]);
        _roleChanges.MarkDeleted(_userId, DateTime.UtcNow);

        _check.Admit(principal, token).Should().BeFalse();
    }

    [Fact]
    public async Task Admit_WhenTheSessionWasRevoked_ShouldRefuseTheToken()
    {
        var (principal, token) = await ValidateAsync(["user"]);
        _revokedSessions.Add(_sessionId, DateTime.UtcNow);

        _check.Admit(principal, token).Should().BeFalse();
    }

    [Fact]
    public async Task Admit_WithoutAParsedToken_ShouldRefuse()
    {
        var (principal, _) = await ValidateAsync(["user"]);

        _check.Admit(principal, token: null).Should().BeFalse();
        _check.Admit(principal: null, new JsonWebToken(_tokens.CreateAccessToken(_userId, _sessionId, ["user"], DateTime.UtcNow, DateTime.UtcNow.AddDays(1)).Token))
            .Should().BeFalse();
    }

    [Theory]
    [InlineData("sub")]
    [InlineData("sid")]
    public async Task Admit_WhenTheUserOrSessionIdIsNotAGuid_ShouldRefuse(string claim)
    {
        // Signed with the app's key but naming no usable user or session (only a key holder could mint it).
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            [AccessTokenClaims.Subject] = _userId.ToString(),
            [AccessTokenClaims.SessionId] = _sessionId.ToString(),
            [AccessTokenClaims.Roles] = new[] { "user" },
        };
        claims[claim] = "not-a-guid";
        var raw = handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = TokenService.AccessTokenType,
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(_keys.SigningKey, SecurityAlgorithms.HmacSha256),
            Claims = claims,
        });
        var (principal, token) = await ValidateAsync(raw);

        _check.Admit(principal, token).Should().BeFalse();
    }

    private static string[] Roles(ClaimsPrincipal principal) => principal.FindAll(AccessTokenClaims.Roles).Select(c => c.Value).ToArray();

    private Task<(ClaimsPrincipal Principal, SecurityToken Token)> ValidateAsync(string[] roles) =>
        ValidateAsync(_tokens.CreateAccessToken(_userId, _sessionId, roles, DateTime.UtcNow, DateTime.UtcNow.AddDays(1)).Token);

    private async Task<(ClaimsPrincipal Principal, SecurityToken Token)> ValidateAsync(string raw)
    {
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(raw, JwtValidation.CreateParameters(_options, _keys.SigningKey));
        result.IsValid.Should().BeTrue(result.Exception?.Message);
        return (new ClaimsPrincipal(result.ClaimsIdentity), result.SecurityToken);
    }
}
