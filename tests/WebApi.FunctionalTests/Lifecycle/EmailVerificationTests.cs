using System.Net;
using System.Text.Json;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.FunctionalTests.Lifecycle;

public sealed class EmailVerificationTests(ApiFixture api)
{
    private readonly ApiFixture _api = api;
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Register_WhenValid_ShouldMailAVerificationLinkToTheAddress()
    {
        var ct = TestContext.Current.CancellationToken;

        var user = await _client.RegisterNewUserAsync(ct);

        var token = await Mail.VerificationTokenAsync(user.Email, cancellationToken: ct);
        token.Should().MatchRegex("^[A-Za-z0-9_-]{43}$");
        await Mail.SettleAsync(_api.Factory, ct);
        var message = Mail.Box.MessagesTo(user.Email).Single(Mail.IsVerification);
        message.To.Mailboxes.Select(m => m.Address).Should().Equal(user.Email);
        message.TextBody.Should().NotContain(user.Password);
    }

    [Fact]
    public async Task ConfirmVerification_WhenTokenFromTheMail_ShouldMarkTheEmailVerifiedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);
        (await _client.GetMeBodyAsync(tokens.AccessToken, ct)).EmailVerified.Should().BeFalse();
        var token = await Mail.VerificationTokenAsync(user.Email, cancellationToken: ct);

        var response = await _client.ConfirmEmailVerificationAsync(token, ct);

        var text = await response.Content.ReadAsStringAsync(ct);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, text);
        text.Should().BeEmpty();
        var me = await _client.GetMeBodyAsync(tokens.AccessToken, ct);
        me.EmailVerified.Should().BeTrue();
        me.Email.Should().Be(user.Email);
        me.PendingEmail.Should().BeNull();
        await (await _client.ConfirmEmailVerificationAsync(token, ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
    }

    [Fact]
    public async Task RequestVerification_WhenAskedAgain_ShouldMailANewLinkAndRetireTheEarlierOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);
        var earlier = await Mail.VerificationTokenAsync(user.Email, cancellationToken: ct);

        var response = await _client.RequestEmailVerificationAsync(tokens.AccessToken, ct);

        var text = await response.Content.ReadAsStringAsync(ct);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, text);
        JsonDocument.Parse(text).RootElement.GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();
        var later = await Mail.VerificationTokenAsync(user.Email, nth: 2, cancellationToken: ct);
        later.Should().NotBe(earlier);
        await (await _client.ConfirmEmailVerificationAsync(earlier, ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
        (await _client.GetMeBodyAsync(tokens.AccessToken, ct)).EmailVerified.Should().BeFalse();
        (await _client.ConfirmEmailVerificationAsync(later, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _client.GetMeBodyAsync(tokens.AccessToken, ct)).EmailVerified.Should().BeTrue();
    }

    [Fact]
    public async Task ConfirmVerification_WhenTokenOutlivedItsFortyEightHours_ShouldReturn400InvalidToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new ShiftableTimeProvider();
        await using var isolated = await ApiFixture.StartIsolatedAsync(configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var client = isolated.CreateClient();
        var early = await client.RegisterNewUserAsync(ct);
        var late = await client.RegisterNewUserAsync(ct);
        var earlyToken = await Mail.VerificationTokenAsync(early.Email, cancellationToken: ct);
        var lateToken = await Mail.VerificationTokenAsync(late.Email, cancellationToken: ct);

        // Log in before moving the app's clock: bearer validation checks nbf/exp against the wall clock.
        var tokens = await client.LoginTokensAsync(late, ct);
        clock.Advance(TimeSpan.FromHours(47));
        var withinLifetime = await client.ConfirmEmailVerificationAsync(earlyToken, ct);
        clock.Advance(TimeSpan.FromHours(2));
        var expired = await client.ConfirmEmailVerificationAsync(lateToken, ct);

        withinLifetime.StatusCode.Should().Be(HttpStatusCode.NoContent, "47 hours is within Auth:EmailVerificationHours (48)");
        await expired.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
        (await client.GetMeBodyAsync(tokens.AccessToken, ct)).EmailVerified.Should().BeFalse();
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-token")]
    public async Task ConfirmVerification_WhenTokenUnknown_ShouldReturn400InvalidToken(string token)
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.ConfirmEmailVerificationAsync(token, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
    }
}
