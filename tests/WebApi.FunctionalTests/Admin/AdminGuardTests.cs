using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Admin;

/// <summary>
/// The two guards, after validation and the 404, in this order: 409 LAST_ADMIN for whatever would leave no active admin
/// (demotion, deactivation, deletion, and the admin's own <c>DELETE /users/me</c>); then 409 CANNOT_MODIFY_SELF for an
/// admin's own roles, deactivation or deletion through the admin routes. Each host here starts with one admin (<c>Admin:*</c>).
/// </summary>
public sealed class AdminGuardTests
{
    [Fact]
    public async Task Guards_WhenTheOnlyActiveAdminRemovesThemself_ShouldAnswerLastAdminEverywhereAfterValidationAndChangeNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (isolated, client, admin) = await StartWithAdminAsync(ct);
        await using var _ = isolated;
        var token = admin.Tokens.AccessToken;

        await (await client.ReplaceRolesAsync(token, admin.Id, Array.Empty<string>(), ct)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        await (await client.DeactivateUserAsync(token, Guid.NewGuid(), ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "USER_NOT_FOUND", ct);
        await (await client.DeactivateUserAsync(token, admin.Id, ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "LAST_ADMIN", ct);
        await (await client.DeleteUserAsync(token, admin.Id, ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "LAST_ADMIN", ct);
        await (await client.ReplaceRolesAsync(token, admin.Id, new[] { "user" }, ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "LAST_ADMIN", ct);
        await (await client.DeleteMeAsync(token, admin.User.Password + "-wrong", ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_CREDENTIALS", ct);
        await (await client.DeleteMeAsync(token, admin.User.Password, ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "LAST_ADMIN", ct);

        // Keeping the admin role removes nothing: only the second guard applies.
        await (await client.ReplaceRolesAsync(token, admin.Id, new[] { "admin" }, ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "CANNOT_MODIFY_SELF", ct);

        var me = await client.GetMeBodyAsync(token, ct);
        me.IsActive.Should().BeTrue();
        me.Roles.Should().BeEquivalentTo(["admin", "user"]);
        await client.ShouldBeLiveAsync(admin.Tokens, "a refused change ends no session", ct);
    }

    [Fact]
    public async Task Guards_WhenAnotherActiveAdminExists_ShouldAnswerCannotModifySelfOnTheAdminRoutesButAllowTheOwnDeletion()
    {
        var ct = TestContext.Current.CancellationToken;
        var (isolated, client, admin) = await StartWithAdminAsync(ct);
        await using var _ = isolated;
        var other = await PromoteNewAsync(client, admin, ct);

        await (await client.DeactivateUserAsync(admin.Tokens.AccessToken, admin.Id, ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "CANNOT_MODIFY_SELF", ct);
        await (await client.DeleteUserAsync(admin.Tokens.AccessToken, admin.Id, ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "CANNOT_MODIFY_SELF", ct);
        await (await client.ReplaceRolesAsync(admin.Tokens.AccessToken, admin.Id, new[] { "user" }, ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "CANNOT_MODIFY_SELF", ct);
        await (await client.ReplaceRolesAsync(admin.Tokens.AccessToken, admin.Id, new[] { "admin", "user" }, ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "CANNOT_MODIFY_SELF", ct);
        (await client.GetMeBodyAsync(admin.Tokens.AccessToken, ct)).Roles.Should().BeEquivalentTo(["admin", "user"]);

        // Self-service deletion is not an admin route: allowed while another active admin remains; then the other is the last.
        await (await client.DeleteMeAsync(other.Tokens.AccessToken, other.User.Password, ct)).ShouldBeNoContentAsync(ct);
        await (await client.DeleteMeAsync(admin.Tokens.AccessToken, admin.User.Password, ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "LAST_ADMIN", ct);
    }

    [Fact]
    public async Task LastAdmin_ShouldCountOnlyActiveAdmins()
    {
        var ct = TestContext.Current.CancellationToken;
        var (isolated, client, admin) = await StartWithAdminAsync(ct);
        await using var _ = isolated;
        var other = await PromoteNewAsync(client, admin, ct);

        await (await client.DeactivateUserAsync(admin.Tokens.AccessToken, other.Id, ct)).ShouldBeNoContentAsync(ct);

        await (await client.DeleteMeAsync(admin.Tokens.AccessToken, admin.User.Password, ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "LAST_ADMIN", ct);
        await (await client.DeactivateUserAsync(admin.Tokens.AccessToken, admin.Id, ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "LAST_ADMIN", ct);

        // Demoting or deleting an inactive admin leaves the active one: allowed.
        (await (await client.ReplaceRolesAsync(admin.Tokens.AccessToken, other.Id, new[] { "user" }, ct)).ShouldBeAdminUserAsync(ct)).IsAdmin.Should().BeFalse();
        await (await client.DeleteUserAsync(admin.Tokens.AccessToken, other.Id, ct)).ShouldBeNoContentAsync(ct);
    }

    [Fact]
    public async Task Deactivate_OfTheFirstAdminByASecond_ShouldEndItsSessionsAndMakeTheSecondTheLast()
    {
        var ct = TestContext.Current.CancellationToken;
        var (isolated, client, admin) = await StartWithAdminAsync(ct);
        await using var _ = isolated;
        var other = await PromoteNewAsync(client, admin, ct);

        await (await client.DeactivateUserAsync(other.Tokens.AccessToken, admin.Id, ct)).ShouldBeNoContentAsync(ct);

        await client.ShouldBeRevokedAsync(admin.Tokens, "the deactivated admin's sessions end at once", ct);
        await (await client.LoginAsync(admin.User, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCOUNT_INACTIVE", ct);
        await (await client.DeactivateUserAsync(other.Tokens.AccessToken, other.Id, ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "LAST_ADMIN", ct);
    }

    /// <summary>A host whose only admin is created at start-up from <c>Admin:*</c>, signed in.</summary>
    internal static async Task<(IsolatedApi Isolated, HttpClient Client, SignedIn Admin)> StartWithAdminAsync(CancellationToken ct)
    {
        var admin = ApiClientExtensions.NewUser();
        var isolated = await ApiFixture.StartIsolatedAsync(AdminApi.BootstrapSettings(admin));
        var client = isolated.CreateClient();
        return (isolated, client, await client.SignInAsync(admin, ct));
    }

    /// <summary>A new account the admin makes an admin through the roles route, signed in after.</summary>
    internal static async Task<SignedIn> PromoteNewAsync(HttpClient client, SignedIn admin, CancellationToken ct)
    {
        var user = await client.RegisterNewUserAsync(ct);
        var id = (await client.SignInAsync(user, ct)).Id;
        await (await client.ReplaceRolesAsync(admin.Tokens.AccessToken, id, new[] { "admin", "user" }, ct)).ShouldBeAdminUserAsync(ct);
        return await client.SignInAsync(user, ct);
    }
}
