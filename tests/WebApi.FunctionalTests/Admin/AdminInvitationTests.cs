using System.Net;
using System.Text.Json;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Admin;

/// <summary>
/// <c>POST /api/v1/admin/invitations</c> (invitations:create): the <c>invite</c> verb's use case over HTTP (its command-line
/// side is proven in <see cref="Lifecycle.InvitationTests"/>).
/// </summary>
public sealed class AdminInvitationTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Create_WithAnEmail_ShouldAnswer201PinItMailItAndOpenAnAccountWithTheUserRole()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var invited = ApiClientExtensions.NewUser();
        var before = DateTime.UtcNow;

        var response = await _client.CreateInvitationAsync(admin.Tokens.AccessToken, new { email = invited.Email }, ct);

        var text = await response.Content.ReadAsStringAsync(ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        JsonDocument.Parse(text).RootElement.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("token", "email", "roles", "expires_at");
        var invitation = JsonSerializer.Deserialize<InvitationBody>(text, ApiClientExtensions.Json)!;
        invitation.Token.Should().MatchRegex("^[A-Za-z0-9_-]{43}$");
        invitation.Email.Should().Be(invited.Email);
        invitation.Roles.Should().Equal("user");
        invitation.ExpiresAt.Should().BeCloseTo(before.AddDays(7), TimeSpan.FromMinutes(1), "Auth:InvitationDays is 7 by default");
        response.Headers.CacheControl!.NoStore.Should().BeTrue("the answer carries a token");

        var mail = await Mail.Box.WaitForMessageAsync(invited.Email, m => m.Subject == "You are invited to CleanAuth", TestMailbox.DefaultTimeout, ct);
        Mail.ShouldComeFromTheApp(mail);
        TestMailbox.ExtractLink(mail).Should().Be(($"{CleanAuthApiFactory.PublicBaseUrl}/register?invite_token={invitation.Token}", invitation.Token));
        var registered = await _client.RegisterAsync(invited, invitation.Token, ct);
        registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync(ct));
        (await registered.ReadAsync<UserBody>(ct)).Roles.Should().Equal("user");
    }

    [Fact]
    public async Task Create_WithRoles_ShouldOpenAnAccountWithExactlyThoseRoles()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var invited = ApiClientExtensions.NewUser();

        var invitation = await (await _client.CreateInvitationAsync(admin.Tokens.AccessToken, new { email = invited.Email, roles = new[] { "guest", "admin", "guest" } }, ct))
            .ReadAsync<InvitationBody>(ct);

        invitation.Roles.Should().Equal("admin", "guest");
        (await _client.RegisterAsync(invited, invitation.Token, ct)).StatusCode.Should().Be(HttpStatusCode.Created);
        var me = await _client.GetMeBodyAsync((await _client.LoginTokensAsync(invited, ct)).AccessToken, ct);
        me.Roles.Should().Equal("admin", "guest");
        me.IsAdmin.Should().BeTrue();
    }

    [Fact]
    public async Task Create_WithoutAnEmail_ShouldAnswerANullEmailAndMailNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);

        var response = await _client.CreateInvitationAsync(admin.Tokens.AccessToken, new { }, ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(ct));
        var invitation = await response.ReadAsync<InvitationBody>(ct);
        invitation.Email.Should().BeNull();
        invitation.Roles.Should().Equal("user");
        var anyone = ApiClientExtensions.NewUser();
        (await _client.RegisterAsync(anyone, invitation.Token, ct)).StatusCode.Should().Be(HttpStatusCode.Created, "an unpinned invitation takes any address");
    }

    [Fact]
    public async Task Create_AgainForTheSameEmail_ShouldRetireTheOlderInvitation()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var invited = ApiClientExtensions.NewUser();
        var older = await (await _client.CreateInvitationAsync(admin.Tokens.AccessToken, new { email = invited.Email, roles = new[] { "admin" } }, ct)).ReadAsync<InvitationBody>(ct);

        var newer = await (await _client.CreateInvitationAsync(admin.Tokens.AccessToken, new { email = invited.Email.ToUpperInvariant() }, ct)).ReadAsync<InvitationBody>(ct);

        await (await _client.RegisterAsync(invited, older.Token, ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
        (await _client.RegisterAsync(invited, newer.Token, ct)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await _client.GetMeBodyAsync((await _client.LoginTokensAsync(invited, ct)).AccessToken, ct)).Roles.Should().Equal("user");
    }

    [Fact]
    public async Task Create_WhenTheEmailHasAnAccount_ShouldReturn409EmailTakenAndMailNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var existing = await _client.RegisterNewUserAsync(ct);
        await Mail.VerificationTokenAsync(existing.Email, cancellationToken: ct);

        var response = await _client.CreateInvitationAsync(admin.Tokens.AccessToken, new { email = existing.Email.ToUpperInvariant() }, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "EMAIL_TAKEN", ct);
        await Mail.SettleAsync(api.Factory, ct);
        Mail.Box.MessagesTo(existing.Email).Should().NotContain(m => m.Subject == "You are invited to CleanAuth");
    }

    [Theory]
    [InlineData("""{"roles":[]}""", "roles")]
    [InlineData("""{"roles":["user","auditor"]}""", "roles[1]")]
    [InlineData("""{"roles":["Not Valid"]}""", "roles[0]")]
    [InlineData("""{"email":"not-an-address"}""", "email")]
    [InlineData("""{"email":"a@example.com\r\nBcc: victim@example.com"}""", "email")]
    public async Task Create_WhenTheBodyIsInvalid_ShouldReturn422KeyedByField(string json, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, AdminApi.Invitations)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", admin.Tokens.AccessToken);

        var response = await _client.SendAsync(request, ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Equal(field);
    }

    [Fact]
    public async Task Create_WhenRegistrationIsInviteOnly_ShouldOpenRegistrationAndExpireAfterTheConfiguredDays()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = ApiClientExtensions.NewUser();
        await using var isolated = await ApiFixture.StartIsolatedAsync(AdminApi.BootstrapSettings(admin, new() { ["Auth:RegistrationMode"] = "InviteOnly", ["Auth:InvitationDays"] = "2" }));
        var client = isolated.CreateClient();
        var signedIn = await client.SignInAsync(admin, ct);
        var invited = ApiClientExtensions.NewUser();
        var before = DateTime.UtcNow;

        var invitation = await (await client.CreateInvitationAsync(signedIn.Tokens.AccessToken, new { email = invited.Email }, ct)).ReadAsync<InvitationBody>(ct);

        invitation.ExpiresAt.Should().BeCloseTo(before.AddDays(2), TimeSpan.FromMinutes(1), "Auth:InvitationDays");
        await (await client.RegisterAsync(ApiClientExtensions.NewUser(), ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "INVITATION_REQUIRED", ct);
        (await client.RegisterAsync(invited, invitation.Token, ct)).StatusCode.Should().Be(HttpStatusCode.Created);
    }
}
