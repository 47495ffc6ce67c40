using System.Security.Claims;
using System.Security.Cryptography;
using CleanAuth.Application.Common.Security;
using CleanAuth.Infrastructure.Security.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Infrastructure.IntegrationTests.Security;

/// <summary>
/// The bearer handler's token handler remembers valid access tokens (ADR-024), on real tokens from the app's
/// <see cref="TokenService"/> and the app's validation parameters: a remembered token answers as the full validation
/// did, never past its expiry, never for a token that differs, and each answer's identity is its own.
/// </summary>
public sealed class RememberingTokenHandlerTests
{
    private readonly JwtOptions _options = new() { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(JwtOptions.MinimumKeyBytes)) };
    private readonly TokenService _tokens;
    private readonly TokenValidationParameters _parameters;
    private readonly RememberingTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly Guid _userId = Guid.NewGuid();

    public RememberingTokenHandlerTests()
    {
        var options = Microsoft.Extensions.Options.Options.Create(_options);
        var keys = new SigningKeyProvider(options);
        _tokens = new TokenService(options, keys);
        _parameters = JwtValidation.CreateParameters(_options, keys.SigningKey);
    }

    [Fact]
    public async Task ValidateTokenAsync_TheSameTokenAgain_ShouldAnswerAsTheFirstTimeWithAnIdentityOfItsOwn()
    {
        var token = Issue(["user", "admin"]);

        var first = await _handler.ValidateTokenAsync(token, _parameters);
        var again = await _handler.ValidateTokenAsync(token, _parameters);

        first.IsValid.Should().BeTrue(first.Exception?.Message);
        again.IsValid.Should().BeTrue();
        _handler.Count.Should().Be(1);
        Claims(again.ClaimsIdentity).Should().Equal(Claims(first.ClaimsIdentity));
        again.ClaimsIdentity.Should().NotBeSameAs(first.ClaimsIdentity);
        again.ClaimsIdentity.Should().BeOfType(first.ClaimsIdentity.GetType(), "claim look-ups keep the library's ordinal comparison");
        again.ClaimsIdentity.FindFirst(AccessTokenClaims.Subject.ToUpperInvariant()).Should().BeNull();
        again.ClaimsIdentity.AuthenticationType.Should().Be(first.ClaimsIdentity.AuthenticationType);
        again.SecurityToken.Should().BeOfType<JsonWebToken>().Which.Subject.Should().Be(_userId.ToString());
        new ClaimsPrincipal(again.ClaimsIdentity).IsInRole("admin").Should().BeTrue("the role claim type is the app's");

        // The token check rewrites roles on the identity it is given, the first request's included: no later answer may see that.
        foreach (var identity in new[] { first.ClaimsIdentity, again.ClaimsIdentity })
        {
            foreach (var role in identity.FindAll(AccessTokenClaims.Roles).ToArray())
            {
                identity.TryRemoveClaim(role).Should().BeTrue();
            }
        }

        var third = await _handler.ValidateTokenAsync(token, _parameters);
        Roles(third.ClaimsIdentity).Should().Equal("user", "admin");
    }

    [Fact]
    public async Task ValidateTokenAsync_ARememberedTokenPastItsExpiry_ShouldBeRefusedAndForgotten()
    {
        var now = DateTime.UtcNow;
        var token = _tokens.CreateAccessToken(_userId, Guid.NewGuid(), ["user"], now, sessionExpiresAt: now.AddSeconds(2)).Token;
        (await _handler.ValidateTokenAsync(token, _parameters)).IsValid.Should().BeTrue();
        var expires = new JsonWebToken(token).ValidTo;

        while (DateTime.UtcNow < expires)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var late = await _handler.ValidateTokenAsync(token, _parameters);

        late.IsValid.Should().BeFalse();
        _handler.Count.Should().Be(0);
    }

    [Fact]
    public async Task ValidateTokenAsync_ATokenThatDiffersFromARememberedOne_ShouldBeValidatedAndRefused()
    {
        var token = Issue(["user"]);
        (await _handler.ValidateTokenAsync(token, _parameters)).IsValid.Should().BeTrue();
        var parts = token.Split('.');
        var payload = parts[1].ToCharArray();
        payload[payload.Length / 2] = payload[payload.Length / 2] == 'A' ? 'B' : 'A';
        var tampered = $"{parts[0]}.{new string(payload)}.{parts[2]}";

        var letter = parts[1].ToList().FindIndex(char.IsLetter);
        var original = parts[1][letter];
        var recased = token.ToCharArray();
        recased[parts[0].Length + 1 + letter] = char.IsUpper(original) ? char.ToLowerInvariant(original) : char.ToUpperInvariant(original);

        var result = await _handler.ValidateTokenAsync(tampered, _parameters);
        var again = await _handler.ValidateTokenAsync(tampered, _parameters);
        var otherCase = await _handler.ValidateTokenAsync(new string(recased), _parameters);

        result.IsValid.Should().BeFalse();
        again.IsValid.Should().BeFalse();
        otherCase.IsValid.Should().BeFalse("base64url is case-sensitive: a token that differs only in case is another token");
        _handler.Count.Should().Be(1, "only the valid token is remembered");
    }

    [Fact]
    public async Task ValidateTokenAsync_ATokenSignedWithAnotherKey_ShouldNeverBeRemembered()
    {
        var otherOptions = Microsoft.Extensions.Options.Options.Create(
            new JwtOptions { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(JwtOptions.MinimumKeyBytes)) });
        var forged = new TokenService(otherOptions, new SigningKeyProvider(otherOptions))
            .CreateAccessToken(_userId, Guid.NewGuid(), ["admin"], DateTime.UtcNow, DateTime.UtcNow.AddDays(1)).Token;

        (await _handler.ValidateTokenAsync(forged, _parameters)).IsValid.Should().BeFalse();
        (await _handler.ValidateTokenAsync(forged, _parameters)).IsValid.Should().BeFalse();
        _handler.Count.Should().Be(0);
    }

    [Fact]
    public async Task ValidateTokenAsync_BeyondItsCapacity_ShouldForgetRatherThanGrow()
    {
        var stored = 0;
        var most = 0;
        while (stored <= RememberingTokenHandler.Capacity + 1024)
        {
            (await _handler.ValidateTokenAsync(Issue(["user"]), _parameters)).IsValid.Should().BeTrue();
            stored++;
            most = Math.Max(most, _handler.Count);
        }

        most.Should().BeLessThanOrEqualTo(RememberingTokenHandler.Capacity + 1024);
        _handler.Count.Should().BeLessThan(RememberingTokenHandler.Capacity, "the sweep past the capacity forgot them");
        (await _handler.ValidateTokenAsync(Issue(["user"]), _parameters)).IsValid.Should().BeTrue("a forgotten token is validated again");
    }

    private string Issue(string[] roles) =>
        _tokens.CreateAccessToken(_userId, Guid.NewGuid(), roles, DateTime.UtcNow, DateTime.UtcNow.AddDays(1)).Token;

    private static (string Type, string Value)[] Claims(ClaimsIdentity identity) => identity.Claims.Select(c => (c.Type, c.Value)).ToArray();

    private static string[] Roles(ClaimsIdentity identity) => identity.FindAll(AccessTokenClaims.Roles).Select(c => c.Value).ToArray();
}
