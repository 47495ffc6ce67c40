using System.Net;
using System.Text.Json;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Admin;

/// <summary>
/// <c>PUT /api/v1/admin/users/{id}</c> (users:write): username, email, full name and the verified flag; fields left out
/// stay, others have no effect; a new email applies at once, and its old address is told and its links stop working.
/// </summary>
public sealed class AdminUserUpdateTests(ApiFixture api)
{
    public const string EmailChangedNoticeSubject = "Your CleanAuth account has a new email address";

    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Update_WhenChangingUsernameAndName_ShouldAnswerTheAdminUserAndIgnorePrivilegedFields()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);
        var newUsername = ApiClientExtensions.NewUser().Username;

        var response = await _client.UpdateUserAsync(admin.Tokens.AccessToken, target.Id, new
        {
            username = newUsername,
            full_name = "Grace Hopper",
            id = Guid.NewGuid(),
            roles = new[] { "admin" },
            is_admin = true,
            is_active = false,
            password = ApiClientExtensions.NewPassword(),
            pending_email = "mallory@example.com",
            last_login_at = "2000-01-01T00:00:00Z",
        }, ct);

        var text = await response.Content.ReadAsStringAsync(ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        JsonDocument.Parse(text).RootElement.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "id", "email", "username", "full_name", "is_active", "is_admin", "email_verified", "pending_email", "roles", "created_at", "updated_at",
            "last_login_at", "active_sessions");
        var body = JsonSerializer.Deserialize<AdminUserBody>(text, ApiClientExtensions.Json)!;
        body.Id.Should().Be(target.Id);
        body.Username.Should().Be(newUsername);
        body.FullName.Should().Be("Grace Hopper");
        body.Email.Should().Be(target.User.Email);
        body.Roles.Should().Equal("user");
        body.IsAdmin.Should().BeFalse();
        body.IsActive.Should().BeTrue();
        body.PendingEmail.Should().BeNull();
        body.ActiveSessions.Should().Be(1);
        text.Should().NotContainAny("password", "hash", "security_stamp");

        var live = await _client.ShouldBeLiveAsync(target.Tokens, "a profile change ends no session", ct);
        (await _client.GetMeBodyAsync(live.AccessToken, ct)).Should().BeEquivalentTo(new { Username = newUsername, FullName = "Grace Hopper", Roles = new[] { "user" } });
        (await _client.PostJsonAsync("/api/v1/auth/login", new { username = newUsername, password = target.User.Password }, ct))
            .StatusCode.Should().Be(HttpStatusCode.OK, "the password is not a field of this route");
    }

    [Fact]
    public async Task Update_WhenFieldsAreLeftOutOrNull_ShouldLeaveThemAsTheyAre()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);
        await (await _client.UpdateUserAsync(admin.Tokens.AccessToken, target.Id, new { full_name = "Ada Lovelace" }, ct)).ShouldBeAdminUserAsync(ct);
        var before = await _client.GetMeBodyAsync(target.Tokens.AccessToken, ct);

        var empty = await (await _client.UpdateUserAsync(admin.Tokens.AccessToken, target.Id, new { }, ct)).ShouldBeAdminUserAsync(ct);
        var nulls = await (await _client.UpdateUserAsync(admin.Tokens.AccessToken, target.Id,
            new { username = (string?)null, email = (string?)null, full_name = (string?)null, email_verified = (bool?)null }, ct)).ShouldBeAdminUserAsync(ct);

        foreach (var body in new[] { empty, nulls })
        {
            body.Username.Should().Be(before.Username);
            body.Email.Should().Be(before.Email);
            body.FullName.Should().Be("Ada Lovelace");
            body.EmailVerified.Should().BeFalse();
            body.UpdatedAt.Should().Be(before.UpdatedAt, "nothing changed");
        }
    }

    [Fact]
    public async Task Update_WhenGivenANewEmail_ShouldApplyItAtOnceUnverifiedDropThePendingOneRetireOldLinksAndTellTheOldAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);
        var verifyOld = await Mail.VerificationTokenAsync(target.User.Email, cancellationToken: ct);
        (await _client.RequestPasswordResetAsync(target.User.Email, ct)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var resetOld = await Mail.ResetTokenAsync(target.User.Email, cancellationToken: ct);
        var pending = ApiClientExtensions.NewUser().Email;
        (await _client.UpdateMeAsync(target.Tokens.AccessToken, new { email = pending, current_password = target.User.Password }, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var verifyPending = await Mail.VerificationTokenAsync(pending, cancellationToken: ct);
        var newEmail = "New." + ApiClientExtensions.NewUser().Email;

        var body = await (await _client.UpdateUserAsync(admin.Tokens.AccessToken, target.Id, new { email = newEmail }, ct)).ShouldBeAdminUserAsync(ct);

        body.Email.Should().Be(newEmail, "as given");
        body.PendingEmail.Should().BeNull();
        body.EmailVerified.Should().BeFalse("nobody proved the new address");
        var me = await _client.GetMeBodyAsync(target.Tokens.AccessToken, ct);
        me.Email.Should().Be(body.Email, "it applies at once");
        me.PendingEmail.Should().BeNull();

        var notice = await Mail.NoticeAsync(target.User.Email, EmailChangedNoticeSubject, ct);
        TestMailbox.AllText(notice).Should().NotContainEquivalentOf(newEmail, "the old address may be in the wrong hands: it is not told where mail goes now");
        await (await _client.ConfirmEmailVerificationAsync(verifyOld, ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
        await (await _client.ConfirmEmailVerificationAsync(verifyPending, ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
        await (await _client.ConfirmPasswordResetAsync(resetOld, ApiClientExtensions.NewPassword(), ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);

        (await _client.LoginAsync(target.User with { Email = newEmail.ToLowerInvariant() }, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the new address signs in, in any case");
        (await _client.LoginAsync(target.User, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the old address no longer names the account");
        (await _client.RegisterAsync(ApiClientExtensions.NewUser() with { Email = target.User.Email }, ct)).StatusCode.Should().Be(HttpStatusCode.Created, "the old address is free");
        await Mail.SettleAsync(api.Factory, ct);
        Mail.Box.MessagesTo(newEmail).Should().BeEmpty("the change mails nothing to the new address");
    }

    [Fact]
    public async Task Update_WhenANewEmailIsSaidVerified_ShouldApplyItVerified()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);
        var newEmail = ApiClientExtensions.NewUser().Email;

        var body = await (await _client.UpdateUserAsync(admin.Tokens.AccessToken, target.Id, new { email = newEmail, email_verified = true }, ct)).ShouldBeAdminUserAsync(ct);

        body.Email.Should().Be(newEmail);
        body.EmailVerified.Should().BeTrue();
        await Mail.NoticeAsync(target.User.Email, EmailChangedNoticeSubject, ct);
    }

    [Fact]
    public async Task Update_WhenOnlyTheVerifiedFlagChanges_ShouldSetItAndMailNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);

        (await (await _client.UpdateUserAsync(admin.Tokens.AccessToken, target.Id, new { email_verified = true }, ct)).ShouldBeAdminUserAsync(ct)).EmailVerified.Should().BeTrue();
        (await _client.GetMeBodyAsync(target.Tokens.AccessToken, ct)).EmailVerified.Should().BeTrue();
        (await (await _client.UpdateUserAsync(admin.Tokens.AccessToken, target.Id, new { email_verified = false }, ct)).ShouldBeAdminUserAsync(ct)).EmailVerified.Should().BeFalse();

        await Mail.SettleAsync(api.Factory, ct);
        Mail.Box.MessagesTo(target.User.Email).Should().NotContain(m => m.Subject == EmailChangedNoticeSubject);
    }

    [Fact]
    public async Task Update_WhenTheEmailOrUsernameBelongsToAnotherAccount_ShouldReturn409AndChangeNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);
        var other = await _client.RegisterNewUserAsync(ct);

        await (await _client.UpdateUserAsync(admin.Tokens.AccessToken, target.Id, new { email = other.Email.ToUpperInvariant(), full_name = "Changed" }, ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "EMAIL_TAKEN", ct);
        await (await _client.UpdateUserAsync(admin.Tokens.AccessToken, target.Id, new { username = other.Username.ToUpperInvariant(), full_name = "Changed" }, ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "USERNAME_TAKEN", ct);

        var me = await _client.GetMeBodyAsync(target.Tokens.AccessToken, ct);
        me.Email.Should().Be(target.User.Email);
        me.Username.Should().Be(target.User.Username);
        me.FullName.Should().BeNull();
    }

    [Fact]
    public async Task Update_WhenTwoAccountsAreGivenTheSameNewEmailAtOnce_ShouldGiveItToExactlyOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        for (var round = 0; round < 5; round++)
        {
            var first = await _client.RegisterNewUserAsync(ct);
            var second = await _client.RegisterNewUserAsync(ct);
            var firstId = (await _client.SignInAsync(first, ct)).Id;
            var secondId = (await _client.SignInAsync(second, ct)).Id;
            var contested = ApiClientExtensions.NewUser().Email;

            var answers = await Task.WhenAll(
                _client.UpdateUserAsync(admin.Tokens.AccessToken, firstId, new { email = contested }, ct),
                _client.UpdateUserAsync(admin.Tokens.AccessToken, secondId, new { email = contested }, ct));

            answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(1, "one account gets the address");
            await answers.Single(a => a.StatusCode != HttpStatusCode.OK).ShouldBeProblemAsync(HttpStatusCode.Conflict, "EMAIL_TAKEN", ct);
        }
    }

    [Fact]
    public async Task Update_WhenFieldsAreInvalid_ShouldReturn422KeyedByFieldAndChangeNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);

        var response = await _client.UpdateUserAsync(admin.Tokens.AccessToken, target.Id,
            new { email = "not-an-address", username = "no spaces", full_name = "bell\u0007", email_verified = true }, ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("email", "username", "full_name");
        (await _client.GetMeBodyAsync(target.Tokens.AccessToken, ct)).EmailVerified.Should().BeFalse("nothing of a refused request applies");
    }

    [Fact]
    public async Task Update_WhenAFieldHasTheWrongType_ShouldReturn400MalformedRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);

        var response = await _client.UpdateUserAsync(admin.Tokens.AccessToken, target.Id, new { email_verified = "yes" }, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "MALFORMED_REQUEST", ct);
    }
}
