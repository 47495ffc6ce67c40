using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using CleanAuth.WebApi.FunctionalTests.Lifecycle;

namespace CleanAuth.WebApi.FunctionalTests.Users;

/// <summary>
/// The seeded <c>guest</c> role grants <c>account:read_self</c> only: a guest signs in, looks and signs out; any change
/// is 403 FORBIDDEN. The guest comes from an invitation naming that role alone.
/// </summary>
public sealed class GuestRoleTests
{
    private static readonly Dictionary<string, string?> s_inviteOnly = new() { ["Auth:RegistrationMode"] = "InviteOnly" };

    [Fact]
    public async Task Guest_WhenSignedIn_ShouldReadAndSignOutButNotChangeAnything()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(s_inviteOnly);
        var client = isolated.CreateClient();
        var guest = ApiClientExtensions.NewUser();
        var invitation = await InvitationTests.InviteAsync(isolated, guest.Email, ["guest"], ct);
        (await client.RegisterAsync(guest, invitation, ct)).StatusCode.Should().Be(HttpStatusCode.Created);
        var tokens = await client.LoginTokensAsync(guest, ct);
        var other = await client.LoginTokensAsync(guest, ct);

        var me = await client.GetMeBodyAsync(tokens.AccessToken, ct);
        me.Roles.Should().Equal(["guest"], "the invitation's roles are exactly the account's");
        me.IsAdmin.Should().BeFalse();
        (await client.ListSessionsAsync(tokens.AccessToken, ct)).Should().HaveCount(2);

        await (await client.ChangePasswordAsync(tokens.AccessToken, guest.Password, ApiClientExtensions.NewPassword(), ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);
        await (await client.UpdateMeAsync(tokens.AccessToken, new { full_name = "Changed" }, ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);
        await (await client.RequestEmailVerificationAsync(tokens.AccessToken, ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);
        await (await client.DeleteMeAsync(tokens.AccessToken, guest.Password, ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "FORBIDDEN", ct);
        (await client.GetMeBodyAsync(tokens.AccessToken, ct)).FullName.Should().BeNull("the refused profile update changed nothing");
        (await client.LoginAsync(guest, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the refused password change and deletion changed nothing");

        (await client.DeleteSessionAsync(tokens.AccessToken, other.SessionId(), ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await client.ShouldBeRevokedAsync(other, "a guest may end its own other session", ct);
        (await client.LogoutAsync(tokens.AccessToken, cancellationToken: ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await client.ShouldBeRevokedAsync(tokens, "a guest may sign out", ct);
    }

    [Fact]
    public async Task Guest_WhenLoggingOutEverywhere_ShouldBeAllowed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(s_inviteOnly);
        var client = isolated.CreateClient();
        var guest = ApiClientExtensions.NewUser();
        var invitation = await InvitationTests.InviteAsync(isolated, guest.Email, ["guest"], ct);
        (await client.RegisterAsync(guest, invitation, ct)).StatusCode.Should().Be(HttpStatusCode.Created);
        var tokens = await client.LoginTokensAsync(guest, ct);

        (await client.LogoutAllAsync(tokens.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await client.ShouldBeRevokedAsync(tokens, "logout-all needs account:read_self only", ct);
    }
}
