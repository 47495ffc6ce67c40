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
        await Mail.VerificationTokenAsync(owner.Email, cancellationToken: ct);
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

        await Mail.VerificationTokenAsync(newcomer.Email, cancellationToken: ct);
        var notice = await Mail.NoticeAsync(owner.Email, Mail.RegistrationAttemptSubject, ct);
        TestMailbox.AllText(notice).Should().NotContain(impostor.Password);
        await Mail.SettleAsync(ct);
        Mail.Box.MessagesTo(owner.Email).Count(Mail.IsVerification).Should().Be(1, "the impostor's attempt mails the owner no link");

        var ownerTokens = await client.LoginTokensAsync(owner, ct);
        (await client.GetMeBodyAsync(ownerTokens.AccessToken, ct)).Username.Should().Be(owner.Username, "the owner's account is untouched");
        (await client.LoginAsync(impostor with { Email = owner.Email }, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "no second account was made for the address");
        (await client.PostJsonAsync("/api/v1/auth/login", new { username = impostor.Username, password = impostor.Password }, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.LoginAsync(newcomer, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the new address did get an account");
    }
}
