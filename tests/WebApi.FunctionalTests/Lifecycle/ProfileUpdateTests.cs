using System.Net;
using System.Text.Json;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Lifecycle;

public sealed class ProfileUpdateTests(ApiFixture api)
{
    private readonly ApiFixture _api = api;
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task UpdateMe_WhenUsernameAndFullNameChange_ShouldReturn200AndApplyThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);
        var newUsername = ApiClientExtensions.NewUser().Username;

        var response = await _client.UpdateMeAsync(tokens.AccessToken, new { username = newUsername, full_name = "Grace Hopper" }, ct);

        var text = await response.Content.ReadAsStringAsync(ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        JsonDocument.Parse(text).RootElement.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "id", "email", "username", "full_name", "is_active", "is_admin", "email_verified", "pending_email", "roles", "created_at", "updated_at");
        var body = JsonSerializer.Deserialize<UserBody>(text, ApiClientExtensions.Json)!;
        body.Username.Should().Be(newUsername);
        body.FullName.Should().Be("Grace Hopper");
        body.Email.Should().Be(user.Email);
        body.PendingEmail.Should().BeNull();
        (await _client.GetMeBodyAsync(tokens.AccessToken, ct)).Should().BeEquivalentTo(body, o => o.Excluding(u => u.UpdatedAt));
        (await _client.PostJsonAsync("/api/v1/auth/login", new { username = newUsername, password = user.Password }, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.PostJsonAsync("/api/v1/auth/login", new { username = user.Username, password = user.Password }, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UpdateMe_WhenUsernameTakenInAnyCase_ShouldReturn409UsernameTaken()
    {
        var ct = TestContext.Current.CancellationToken;
        var other = await _client.RegisterNewUserAsync(ct);
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.UpdateMeAsync(tokens.AccessToken, new { username = other.Username.ToUpperInvariant() }, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "USERNAME_TAKEN", ct);
        (await _client.GetMeBodyAsync(tokens.AccessToken, ct)).Username.Should().Be(user.Username);
    }

    [Fact]
    public async Task UpdateMe_WhenBodyHasPrivilegedFields_ShouldIgnoreThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.UpdateMeAsync(tokens.AccessToken, new
        {
            full_name = "Mallory",
            is_admin = true,
            roles = new[] { "admin" },
            is_active = false,
            email_verified = true,
            pending_email = "mallory@example.com",
        }, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ct));
        var me = await _client.GetMeBodyAsync(tokens.AccessToken, ct);
        me.FullName.Should().Be("Mallory");
        me.IsAdmin.Should().BeFalse();
        me.Roles.Should().Equal("user");
        me.IsActive.Should().BeTrue();
        me.EmailVerified.Should().BeFalse();
        me.PendingEmail.Should().BeNull();
    }

    [Fact]
    public async Task UpdateMe_WhenEmailChangesWithoutCurrentPassword_ShouldReturn422KeyedByCurrentPassword()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.UpdateMeAsync(tokens.AccessToken, new { email = ApiClientExtensions.NewUser().Email }, ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Contain("current_password");
        var me = await _client.GetMeBodyAsync(tokens.AccessToken, ct);
        me.Email.Should().Be(user.Email);
        me.PendingEmail.Should().BeNull();
    }

    [Fact]
    public async Task UpdateMe_WhenEmailChangesWithWrongCurrentPassword_ShouldReturn400InvalidCredentials()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);
        var newEmail = ApiClientExtensions.NewUser().Email;

        var response = await _client.UpdateMeAsync(tokens.AccessToken, new { email = newEmail, current_password = user.Password + "-wrong" }, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_CREDENTIALS", ct);
        (await _client.GetMeBodyAsync(tokens.AccessToken, ct)).PendingEmail.Should().BeNull();
        await Mail.SettleAsync(_api.Factory, ct);
        Mail.Box.MessagesTo(newEmail).Should().BeEmpty("a refused change mails nobody");
    }

    [Fact]
    public async Task UpdateMe_WhenEmailChangesWithCurrentPassword_ShouldHoldItPendingUntilTheNewAddressConfirms()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);
        var newEmail = ApiClientExtensions.NewUser().Email;

        var response = await _client.UpdateMeAsync(tokens.AccessToken, new { email = newEmail, current_password = user.Password }, ct);

        var text = await response.Content.ReadAsStringAsync(ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        var body = JsonSerializer.Deserialize<UserBody>(text, ApiClientExtensions.Json)!;
        body.Email.Should().Be(user.Email, "the address changes only once the new one is confirmed");
        body.PendingEmail.Should().Be(newEmail);
        text.Should().NotContain(user.Password);
        await (await _client.LoginAsync(user with { Email = newEmail }, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
        (await _client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        var token = await Mail.VerificationTokenAsync(newEmail, cancellationToken: ct);
        var notice = await Mail.NoticeAsync(user.Email, Mail.EmailChangingSubject, ct);
        TestMailbox.AllText(notice).Should().NotContain(token);
        await Mail.SettleAsync(_api.Factory, ct);
        Mail.Box.MessagesTo(user.Email).Should().NotContain(m => TestMailbox.AllText(m).Contains(token), "only the new address may confirm the change");

        (await _client.ConfirmEmailVerificationAsync(token, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var me = await _client.GetMeBodyAsync(tokens.AccessToken, ct);
        me.Email.Should().Be(newEmail);
        me.PendingEmail.Should().BeNull();
        (await _client.LoginAsync(user with { Email = newEmail }, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await _client.LoginAsync(user, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
    }

    [Fact]
    public async Task UpdateMe_WhenEmailTakenInAnyCase_ShouldReturn409EmailTaken()
    {
        var ct = TestContext.Current.CancellationToken;
        var other = await _client.RegisterNewUserAsync(ct);
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.UpdateMeAsync(tokens.AccessToken, new { email = other.Email.ToUpperInvariant(), current_password = user.Password }, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "EMAIL_TAKEN", ct);
        var me = await _client.GetMeBodyAsync(tokens.AccessToken, ct);
        me.Email.Should().Be(user.Email);
        me.PendingEmail.Should().BeNull();
    }
}
