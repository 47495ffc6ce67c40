using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Admin;

/// <summary>
/// <c>POST /api/v1/admin/users/{id}/deactivate</c> and <c>…/activate</c> (users:write): deactivation ends every session at
/// once and stops logins; activation allows them again (also after the owner deleted the account); revoked sessions stay
/// revoked; either is 204 and changes nothing when there is nothing to change.
/// </summary>
public sealed class AdminActivationTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Deactivate_ShouldRefuseEveryTokenOfTheAccountFromTheNextRequestAndItsLogins()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);
        var phone = await _client.LoginTokensAsync(target.User, ct);
        var bystander = await api.Factory.SignInNewUserAsync(_client, ct);

        await (await _client.DeactivateUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);

        await _client.ShouldBeRevokedAsync(target.Tokens, "deactivation ends every session at once", ct);
        await _client.ShouldBeRevokedAsync(phone, "deactivation ends every session at once", ct);
        await (await _client.LoginAsync(target.User, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCOUNT_INACTIVE", ct);
        await (await _client.LoginAsync(target.User with { Password = ApiClientExtensions.NewPassword() }, ct))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
        await _client.ShouldBeLiveAsync(bystander.Tokens, "other accounts are unaffected", ct);
        await _client.ShouldBeLiveAsync(admin.Tokens, "the admin's session is unaffected", ct);
        (await StoredAccount.ReadAsync(api.Factory, target.Id, ct)).IsActive.Should().BeFalse();
    }

    [Fact]
    public async Task Deactivate_WhenAlreadyInactive_ShouldReturn204AndChangeNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);
        await (await _client.DeactivateUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);
        var before = await StoredAccount.ReadAsync(api.Factory, target.Id, ct);

        await (await _client.DeactivateUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);

        (await StoredAccount.ReadAsync(api.Factory, target.Id, ct)).Should().Be(before, "a change of nothing touches nothing");
    }

    [Fact]
    public async Task Activate_AfterDeactivation_ShouldAllowLoginAgainButKeepTheOldSessionsRevoked()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);
        await (await _client.DeactivateUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);

        await (await _client.ActivateUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);

        await _client.ShouldBeRevokedAsync(target.Tokens, "revoked sessions stay revoked", ct);
        var fresh = await _client.LoginTokensAsync(target.User, ct);
        (await _client.GetMeBodyAsync(fresh.AccessToken, ct)).IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task Activate_AfterTheOwnerDeletedTheAccount_ShouldAllowLoginAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);
        await (await _client.DeleteMeAsync(target.Tokens.AccessToken, target.User.Password, ct)).ShouldBeNoContentAsync(ct);
        await (await _client.LoginAsync(target.User, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCOUNT_INACTIVE", ct);

        await (await _client.ActivateUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);

        var fresh = await _client.LoginTokensAsync(target.User, ct);
        var me = await _client.GetMeBodyAsync(fresh.AccessToken, ct);
        me.Id.Should().Be(target.Id, "the same account is back, with its data");
        me.IsActive.Should().BeTrue();
        await _client.ShouldBeRevokedAsync(target.Tokens, "the session ended by the deletion stays ended", ct);
    }

    [Fact]
    public async Task Activate_WhenAlreadyActive_ShouldReturn204AndChangeNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);
        var before = await StoredAccount.ReadAsync(api.Factory, target.Id, ct);

        await (await _client.ActivateUserAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);

        (await StoredAccount.ReadAsync(api.Factory, target.Id, ct)).Should().Be(before);
        await _client.ShouldBeLiveAsync(target.Tokens, "activating an active account ends nothing", ct);
    }

    [Fact]
    public async Task Deactivate_WhileTheAccountLogsInConcurrently_ShouldLeaveNoUsableSession()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);

        var logins = Enumerable.Range(0, 6).Select(_ => _client.LoginAsync(target.User, ct)).ToList();
        var deactivation = _client.DeactivateUserAsync(admin.Tokens.AccessToken, target.Id, ct);
        await (await deactivation).ShouldBeNoContentAsync(ct);
        foreach (var login in await Task.WhenAll(logins))
        {
            if (login.StatusCode == HttpStatusCode.OK)
            {
                await _client.ShouldBeRevokedAsync(await login.ReadAsync<TokenPair>(ct), "a login that raced the deactivation keeps no session (ADR-013)", ct);
            }
            else
            {
                login.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized);
            }
        }

        await (await _client.LoginAsync(target.User, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCOUNT_INACTIVE", ct);
    }
}
