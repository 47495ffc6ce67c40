using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Admin;

/// <summary><c>DELETE /api/v1/admin/users/{id}/sessions</c> (sessions:revoke): every session of the account ends at once; the account stays.</summary>
public sealed class AdminForceLogoutTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task RevokeSessions_ShouldRefuseEveryTokenOfTheAccountFromTheNextRequestButLetItLogInAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await api.Factory.SignInNewUserAsync(_client, ct);
        var phone = await _client.LoginTokensAsync(target.User, ct);
        var bystander = await api.Factory.SignInNewUserAsync(_client, ct);

        await (await _client.RevokeUserSessionsAsync(admin.Tokens.AccessToken, target.Id, ct)).ShouldBeNoContentAsync(ct);

        await _client.ShouldBeRevokedAsync(target.Tokens, "a force logout ends every session at once", ct);
        await _client.ShouldBeRevokedAsync(phone, "a force logout ends every session at once", ct);
        await _client.ShouldBeLiveAsync(bystander.Tokens, "another account's sessions are not touched", ct);
        await _client.ShouldBeLiveAsync(admin.Tokens, "nor the admin's", ct);
        var again = await _client.LoginTokensAsync(target.User, ct);
        (await _client.ListSessionsAsync(again.AccessToken, ct)).Should().ContainSingle("only the new session is live");
    }

    [Fact]
    public async Task RevokeSessions_WhenTheAccountHasNone_ShouldReturn204()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);
        var target = await _client.RegisterNewUserAsync(ct);
        var id = (await _client.SignInAsync(target, ct)).Id;
        await (await _client.RevokeUserSessionsAsync(admin.Tokens.AccessToken, id, ct)).ShouldBeNoContentAsync(ct);

        await (await _client.RevokeUserSessionsAsync(admin.Tokens.AccessToken, id, ct)).ShouldBeNoContentAsync(ct);

        (await StoredAccount.ReadAsync(api.Factory, id, ct)).Should().BeEquivalentTo(new { Exists = true, IsActive = true });
    }

    [Fact]
    public async Task RevokeSessions_OfTheCallersOwnAccount_ShouldEndTheCallersSessionsToo()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await api.Factory.SignInNewAdminAsync(_client, ct);

        await (await _client.RevokeUserSessionsAsync(admin.Tokens.AccessToken, admin.Id, ct)).ShouldBeNoContentAsync(ct);

        await _client.ShouldBeRevokedAsync(admin.Tokens, "like logout-all", ct);
    }
}
