using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Lifecycle;

/// <summary>Auth:RequireVerifiedEmail=true: no sign-in until the address is verified, told only to whoever knows the password.</summary>
public sealed class VerifiedEmailRequirementTests
{
    [Fact]
    public async Task Login_WhenVerificationRequiredAndEmailUnverified_ShouldRefuseOnlyAfterThePasswordChecksOut()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?> { ["Auth:RequireVerifiedEmail"] = "true" });
        var client = isolated.CreateClient();
        var user = await client.RegisterNewUserAsync(ct);

        var wrongPassword = await client.LoginAsync(user with { Password = user.Password + "-wrong" }, ct);
        var rightPassword = await client.LoginAsync(user, ct);

        await wrongPassword.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
        await rightPassword.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "EMAIL_NOT_VERIFIED", ct);
        (await rightPassword.Content.ReadAsStringAsync(ct)).Should().NotContain("access_token").And.NotContain("refresh_token");

        var token = await Mail.VerificationTokenAsync(user.Email, cancellationToken: ct);
        (await client.ConfirmEmailVerificationAsync(token, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var tokens = await client.LoginTokensAsync(user, ct);
        (await client.GetMeBodyAsync(tokens.AccessToken, ct)).EmailVerified.Should().BeTrue();
    }
}
