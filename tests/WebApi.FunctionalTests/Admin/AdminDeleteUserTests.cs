using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Admin;

/// <summary><c>DELETE /api/v1/admin/users/{id}</c> (users:delete): the account goes with everything of it; its email and username are free.</summary>
public sealed class AdminDeleteUserTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Delete_ShouldRemoveTheAccountWithItsRolesSessionsAndTokensAndStopItsTokens()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);
        var phone = await _client.LoginTokensAsync(target.User, ct);
        (await _client.RequestPasswordResetAsync(target.User.Email, ct)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var reset = await Mail.ResetTokenAsync(target.User.Email, cancellationToken: ct);
        var sessions = new[] { target.Tokens.SessionId(), phone.SessionId() };
        var before = await StoredAccount.ReadAsync(api.Factory, target.Id, ct, sessions);
        before.Should().BeEquivalentTo(new { Exists = true, RoleRows = 1, Sessions = 2, RefreshTokens = 2 });
        before.AccountTokens.Should().BeGreaterThanOrEqualTo(2, "the registration's verification link and the reset link");

        await (await _client.DeleteUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);

        (await StoredAccount.ReadAsync(api.Factory, target.Id, ct, sessions)).Should().BeEquivalentTo(
            new { Exists = false, RoleRows = 0, Sessions = 0, RefreshTokens = 0, AccountTokens = 0 });
        await (await _client.RefreshAsync(target.Tokens.RefreshToken, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        await (await _client.RefreshAsync(phone.RefreshToken, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        await (await _client.GetMeAsync(phone.AccessToken, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        await (await _client.LoginAsync(target.User, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
        await (await _client.ConfirmPasswordResetAsync(reset, ApiClientExtensions.NewPassword(), ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
        await _client.ShouldBeLiveAsync(admin.Tokens, "the admin's own session is untouched", ct);
    }

    [Fact]
    public async Task Delete_ShouldFreeTheEmailAndUsernameForANewAccount()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);

        await (await _client.DeleteUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);

        var again = target.User with { Password = ApiClientExtensions.NewPassword() };
        var registered = await _client.RegisterAsync(again, ct);
        registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync(ct));
        var newcomer = await _client.SignInAsync(again, ct);
        newcomer.Id.Should().NotBe(target.Id, "it is a new account");
        var me = await _client.GetMeBodyAsync(newcomer.Tokens.AccessToken, ct);
        me.Email.Should().Be(target.User.Email);
        me.Username.Should().Be(target.User.Username);
        me.Roles.Should().Equal("user");
        (await _client.LoginAsync(target.User, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the old password belonged to the deleted account");
    }

    [Fact]
    public async Task Delete_ShouldRetireInvitationsPinnedToTheAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var invited = ApiClientExtensions.NewUser();
        var invitation = await (await _client.CreateInvitationAsync(admin.Tokens.AccessToken, new { email = invited.Email, roles = new[] { "admin" } }, ct))
            .ReadAsync<InvitationBody>(ct);
        (await _client.RegisterAsync(invited, ct)).StatusCode.Should().Be(HttpStatusCode.Created, "open registration, without the invitation");
        var target = await _client.SignInAsync(invited, ct);

        await (await _client.DeleteUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);

        await (await _client.RegisterAsync(invited, invitation.Token, ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
    }

    [Fact]
    public async Task Delete_WhenTheAccountIsAlreadyGone_ShouldReturn404UserNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);
        await (await _client.DeleteUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);

        var again = await _client.DeleteUserAsync(admin.Tokens.AccessToken, target.Id, ct);

        await again.ShouldBeProblemAsync(HttpStatusCode.NotFound, "USER_NOT_FOUND", ct);
        await (await _client.ActivateUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "USER_NOT_FOUND", ct);
    }

    [Fact]
    public async Task Delete_OfAnotherAdmin_ShouldBeAllowedWhileAnActiveAdminRemains()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var otherAdmin = await api.Factory.SignInNewAdminAsync(_client, ct);

        await (await _client.DeleteUserAsync(admin.Tokens.AccessToken, otherAdmin.Id, ct)).ShouldBeNoContentAsync(ct);

        await (await _client.RefreshAsync(otherAdmin.Tokens.RefreshToken, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
    }
}
