using System.Net;
using System.Text.Json;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.FunctionalTests.Lifecycle;

public sealed class PasswordResetTests(ApiFixture api)
{
    private readonly ApiFixture _api = api;
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task RequestReset_WhenAccountExistsOrNot_ShouldAnswerByteForByteAlikeAndMailOnlyTheOwner()
    {
        var ct = TestContext.Current.CancellationToken;
        var known = await _client.RegisterNewUserAsync(ct);
        var unknownEmail = ApiClientExtensions.NewUser().Email;

        var forUnknown = await _client.RequestPasswordResetAsync(unknownEmail, ct);
        var forKnown = await _client.RequestPasswordResetAsync(known.Email, ct);

        forUnknown.StatusCode.Should().Be(HttpStatusCode.Accepted);
        forKnown.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var unknownBody = await forUnknown.Content.ReadAsByteArrayAsync(ct);
        var knownBody = await forKnown.Content.ReadAsByteArrayAsync(ct);
        knownBody.Should().Equal(unknownBody, "the answer must not reveal whether an account exists");
        forKnown.Content.Headers.ContentType?.ToString().Should().Be(forUnknown.Content.Headers.ContentType?.ToString());
        var json = JsonDocument.Parse(knownBody).RootElement;
        json.EnumerateObject().Select(p => p.Name).Should().Equal("message");
        json.GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();

        var token = await Mail.ResetTokenAsync(known.Email, cancellationToken: ct);
        token.Should().MatchRegex("^[A-Za-z0-9_-]{43}$");
        (await _client.LoginAsync(known, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "asking for a reset changes nothing yet");
        await Mail.SettleAsync(_api.Factory, ct);
        Mail.Box.MessagesTo(unknownEmail).Should().BeEmpty("nobody owns that address here");
    }

    [Fact]
    public async Task ConfirmReset_WhenTokenFromTheMail_ShouldSetThePasswordEndEverySessionAndReturnNoTokens()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, laptop) = await _client.RegisterAndLoginAsync(ct);
        var phone = await _client.LoginTokensAsync(user, ct);
        var token = await RequestResetTokenAsync(_client, user.Email, ct);
        var newPassword = ApiClientExtensions.NewPassword();

        var response = await _client.ConfirmPasswordResetAsync(token, newPassword, ct);

        var text = await response.Content.ReadAsStringAsync(ct);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, text);
        text.Should().BeEmpty("a reset signs nobody in");
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
        await _client.ShouldBeRevokedAsync(laptop, "a reset ends every session", ct);
        await _client.ShouldBeRevokedAsync(phone, "a reset ends every session", ct);
        await (await _client.LoginAsync(user, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
        (await _client.LoginAsync(user with { Password = newPassword }, ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        var notice = await Mail.NoticeAsync(user.Email, Mail.PasswordChangedSubject, ct);
        TestMailbox.AllText(notice).Should().NotContain(newPassword).And.NotContain(user.Password).And.NotContain(token);
    }

    [Fact]
    public async Task ConfirmReset_WhenTokenAlreadyUsed_ShouldReturn400InvalidToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var token = await RequestResetTokenAsync(_client, user.Email, ct);
        var first = ApiClientExtensions.NewPassword();
        var second = ApiClientExtensions.NewPassword();
        (await _client.ConfirmPasswordResetAsync(token, first, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var again = await _client.ConfirmPasswordResetAsync(token, second, ct);

        await again.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
        (await _client.LoginAsync(user with { Password = first }, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.LoginAsync(user with { Password = second }, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ConfirmReset_WhenANewerResetWasRequested_ShouldRefuseTheOlderToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var older = await RequestResetTokenAsync(_client, user.Email, ct);
        (await _client.RequestPasswordResetAsync(user.Email, ct)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var newer = await Mail.ResetTokenAsync(user.Email, nth: 2, cancellationToken: ct);
        newer.Should().NotBe(older, "every request issues a new token");

        var withOlder = await _client.ConfirmPasswordResetAsync(older, ApiClientExtensions.NewPassword(), ct);

        await withOlder.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
        var password = ApiClientExtensions.NewPassword();
        (await _client.ConfirmPasswordResetAsync(newer, password, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _client.LoginAsync(user with { Password = password }, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ConfirmReset_WhenTokenOutlivedItsThirtyMinutes_ShouldReturn400InvalidToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new ShiftableTimeProvider();
        await using var isolated = await ApiFixture.StartIsolatedAsync(configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var client = isolated.CreateClient();
        var early = await client.RegisterNewUserAsync(ct);
        var late = await client.RegisterNewUserAsync(ct);
        var earlyToken = await RequestResetTokenAsync(client, early.Email, ct);
        var lateToken = await RequestResetTokenAsync(client, late.Email, ct);

        clock.Advance(TimeSpan.FromMinutes(29));
        var withinLifetime = await client.ConfirmPasswordResetAsync(earlyToken, ApiClientExtensions.NewPassword(), ct);
        clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await client.ConfirmPasswordResetAsync(lateToken, ApiClientExtensions.NewPassword(), ct);

        withinLifetime.StatusCode.Should().Be(HttpStatusCode.NoContent, "29 minutes is within Auth:PasswordResetMinutes (30)");
        await expired.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
        (await client.LoginAsync(late, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the expired token changed nothing");
    }

    [Fact]
    public async Task ConfirmReset_WhenNewPasswordWeak_ShouldReturn422AndLeaveTheTokenUsable()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var token = await RequestResetTokenAsync(_client, user.Email, ct);

        var weak = await _client.ConfirmPasswordResetAsync(token, "passwordpassword", ct);

        var problem = await weak.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Contain("new_password");
        (await _client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "a refused reset changes nothing");
        var password = ApiClientExtensions.NewPassword();
        (await _client.ConfirmPasswordResetAsync(token, password, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent, "the refused attempt did not use the token up");
        (await _client.LoginAsync(user with { Password = password }, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Tokens_WhenPresentedToTheOtherKindsEndpoint_ShouldBeRefusedAndStayUsableWhereTheyBelong()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var verification = await Mail.VerificationTokenAsync(user.Email, cancellationToken: ct);
        var reset = await RequestResetTokenAsync(_client, user.Email, ct);
        var password = ApiClientExtensions.NewPassword();

        var verificationAsReset = await _client.ConfirmPasswordResetAsync(verification, password, ct);
        var resetAsVerification = await _client.ConfirmEmailVerificationAsync(reset, ct);

        await verificationAsReset.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
        await resetAsVerification.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
        (await _client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the verification token reset nothing");
        (await _client.ConfirmEmailVerificationAsync(verification, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _client.ConfirmPasswordResetAsync(reset, password, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var tokens = await _client.LoginTokensAsync(user with { Password = password }, ct);
        (await _client.GetMeBodyAsync(tokens.AccessToken, ct)).EmailVerified.Should().BeTrue();
    }

    [Fact]
    public async Task ConfirmReset_WhenAccountIsLockedOut_ShouldClearTheLockout()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        for (var i = 0; i < 5; i++)
        {
            (await _client.LoginAsync(user with { Password = user.Password + "-wrong" }, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        await (await _client.LoginAsync(user, ct)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_THROTTLED", ct);
        var token = await RequestResetTokenAsync(_client, user.Email, ct);
        var password = ApiClientExtensions.NewPassword();

        (await _client.ConfirmPasswordResetAsync(token, password, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await _client.LoginAsync(user with { Password = password }, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "a reset ends the lockout");
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-token")]
    public async Task ConfirmReset_WhenTokenUnknown_ShouldReturn400InvalidToken(string token)
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.ConfirmPasswordResetAsync(token, ApiClientExtensions.NewPassword(), ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
    }

    [Fact]
    public async Task ConfirmReset_WhenOneTokenIsUsedInParallel_ShouldSucceedExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?> { ["Lockout:MaxFailedAttempts"] = "1000" });
        var client = isolated.CreateClient();
        var user = await client.RegisterNewUserAsync(ct);
        var token = await RequestResetTokenAsync(client, user.Email, ct);
        var passwords = Enumerable.Range(0, 10).Select(_ => ApiClientExtensions.NewPassword()).ToArray();

        var responses = await Task.WhenAll(passwords.Select(p => isolated.CreateClient().ConfirmPasswordResetAsync(token, p, ct)));

        responses.Count(r => r.StatusCode == HttpStatusCode.NoContent).Should().Be(1, "a reset token works once");
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.NoContent))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
        }

        var winner = passwords[Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.NoContent)];
        var logins = new List<(string Password, HttpStatusCode Status)>();
        foreach (var password in passwords.Append(user.Password))
        {
            logins.Add((password, (await client.LoginAsync(user with { Password = password }, ct)).StatusCode));
        }

        logins.Where(l => l.Status == HttpStatusCode.OK).Select(l => l.Password).Should().Equal([winner], "exactly the winning request's password was set");
        logins.Where(l => l.Status != HttpStatusCode.OK).Should().OnlyContain(l => l.Status == HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logs_WhenResetFlowRuns_ShouldContainNoTokenOrPassword()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync();
        var client = isolated.CreateClient();
        var user = await client.RegisterNewUserAsync(ct);
        var verification = await Mail.VerificationTokenAsync(user.Email, cancellationToken: ct);
        var token = await RequestResetTokenAsync(client, user.Email, ct);
        var password = ApiClientExtensions.NewPassword();
        (await client.ConfirmPasswordResetAsync(token, "passwordpassword", ct)).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await client.ConfirmPasswordResetAsync(token, password, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.ConfirmPasswordResetAsync(token, password, ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.ConfirmEmailVerificationAsync(verification, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Mail.NoticeAsync(user.Email, Mail.PasswordChangedSubject, ct);

        var logs = isolated.Factory.Logs.AllText;
        logs.Should().Contain("RequestPath=\"/api/v1/auth/password-reset-confirm\"", "the request log is captured, so its absence of secrets means something");
        logs.Should().NotContain(token).And.NotContain(verification).And.NotContain(password).And.NotContain(user.Password);
    }

    internal static async Task<string> RequestResetTokenAsync(HttpClient client, string email, CancellationToken cancellationToken)
    {
        var before = Mail.Box.MessagesTo(email).Count(Mail.IsReset);
        var response = await client.RequestPasswordResetAsync(email, cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(cancellationToken));
        return await Mail.ResetTokenAsync(email, nth: before + 1, cancellationToken: cancellationToken);
    }
}
