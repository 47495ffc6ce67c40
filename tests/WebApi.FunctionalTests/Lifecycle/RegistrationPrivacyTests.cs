using System.Net;
using System.Text.Json;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Lifecycle;

/// <summary>Auth:RevealRegisteredEmails=false: registration answers alike for new and taken addresses; the mailbox tells the difference.</summary>
public sealed class RegistrationPrivacyTests
{
    [Fact]
    public async Task Register_WhenEmailsAreNotRevealed_ShouldAnswerNewAndTakenAlikeAndMailEachOwner()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?> { ["Auth:RevealRegisteredEmails"] = "false" });
        var client = isolated.CreateClient();
        var owner = ApiClientExtensions.NewUser();
        (await client.RegisterAsync(owner, ct)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var ownerLink = await Mail.VerificationTokenAsync(owner.Email, cancellationToken: ct);
        var newcomer = ApiClientExtensions.NewUser();
        var impostor = ApiClientExtensions.NewUser() with { Email = owner.Email.ToUpperInvariant() };

        var forNew = await client.RegisterAsync(newcomer, ct);
        var forTaken = await client.RegisterAsync(impostor, ct);

        forNew.StatusCode.Should().Be(HttpStatusCode.Accepted);
        forTaken.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var newBody = await forNew.Content.ReadAsByteArrayAsync(ct);
        var takenBody = await forTaken.Content.ReadAsByteArrayAsync(ct);
        takenBody.Should().Equal(newBody, "the answer must not reveal that the address is registered");
        forTaken.Content.Headers.ContentType?.ToString().Should().Be(forNew.Content.Headers.ContentType?.ToString());
        var json = JsonDocument.Parse(newBody).RootElement;
        json.EnumerateObject().Select(p => p.Name).Should().Equal("message");
        json.GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();

        var newcomerLink = await Mail.VerificationTokenAsync(newcomer.Email, cancellationToken: ct);
        var notice = await Mail.NoticeAsync(owner.Email, Mail.RegistrationAttemptSubject, ct);
        TestMailbox.AllText(notice).Should().NotContain(impostor.Password);
        await Mail.SettleAsync(isolated.Factory, ct);
        Mail.Box.MessagesTo(owner.Email).Count(Mail.IsVerification).Should().Be(1, "the impostor's attempt mails the owner no link");

        (await client.ConfirmEmailVerificationAsync(ownerLink, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var ownerTokens = await client.LoginTokensAsync(owner, ct);
        (await client.GetMeBodyAsync(ownerTokens.AccessToken, ct)).Username.Should().Be(owner.Username, "the owner's account is untouched");
        (await client.LoginAsync(impostor with { Email = owner.Email }, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "no second account was made for the address");
        (await client.PostJsonAsync("/api/v1/auth/login", new { username = impostor.Username, password = impostor.Password }, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.ConfirmEmailVerificationAsync(newcomerLink, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.LoginAsync(newcomer, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the new address did get an account, open once verified");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Login_WhenEmailsAreNotRevealed_ShouldNotTellATakenAddressFromAFreeOneThroughTheImpostorsOwnPassword(bool requireVerifiedEmail)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?>
        {
            ["Auth:RevealRegisteredEmails"] = "false",
            ["Auth:RequireVerifiedEmail"] = requireVerifiedEmail ? "true" : "false",
        });
        var client = isolated.CreateClient();
        var owner = ApiClientExtensions.NewUser();
        (await client.RegisterAsync(owner, ct)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await client.ConfirmEmailVerificationAsync(await Mail.VerificationTokenAsync(owner.Email, cancellationToken: ct), ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        // The attack: register an address with a password of one's own, then try it.
        var onTaken = ApiClientExtensions.NewUser() with { Email = owner.Email };
        var onFree = ApiClientExtensions.NewUser();
        (await client.RegisterAsync(onTaken, ct)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await client.RegisterAsync(onFree, ct)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var taken = await client.LoginAsync(onTaken, ct);
        var free = await client.LoginAsync(onFree, ct);

        var takenProblem = await taken.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
        var freeProblem = await free.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
        ApiClientExtensions.WithoutTraceId(freeProblem).Should().Be(ApiClientExtensions.WithoutTraceId(takenProblem));
        free.Headers.WwwAuthenticate.ToString().Should().Be(taken.Headers.WwwAuthenticate.ToString());
        (await client.PostJsonAsync("/api/v1/auth/login", new { username = onFree.Username, password = onFree.Password }, ct))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "by username too");
        var form = await client.PostAsync("/api/v1/auth/login-form", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = onFree.Email, ["password"] = onFree.Password, ["grant_type"] = "password",
        }), ct);
        await form.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);

        // The verification mail is the way in for the real owner of the free address.
        (await client.ConfirmEmailVerificationAsync(await Mail.VerificationTokenAsync(onFree.Email, cancellationToken: ct), ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.LoginAsync(onFree, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
