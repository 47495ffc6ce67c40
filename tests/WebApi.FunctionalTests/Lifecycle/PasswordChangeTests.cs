using System.Net;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Lifecycle;

public sealed class PasswordChangeTests(ApiFixture api)
{
    private readonly ApiFixture _api = api;
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ChangePassword_WhenCurrentPasswordWrong_ShouldReturn400InvalidCredentialsAndChangeNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);
        var other = await _client.LoginTokensAsync(user, ct);
        var newPassword = ApiClientExtensions.NewPassword();

        var response = await _client.ChangePasswordAsync(tokens.AccessToken, user.Password + "-wrong", newPassword, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_CREDENTIALS", ct);
        (await _client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the password is unchanged");
        (await _client.LoginAsync(user with { Password = newPassword }, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await _client.ShouldBeLiveAsync(other, "a refused change ends no session", ct);
    }

    [Fact]
    public async Task ChangePassword_WhenNewEqualsCurrent_ShouldReturn422KeyedByNewPassword()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.ChangePasswordAsync(tokens.AccessToken, user.Password, user.Password, ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Contain("new_password");
        (await response.Content.ReadAsStringAsync(ct)).Should().NotContain(user.Password);
    }

    [Theory]
    [InlineData("passwordpassword")]
    [InlineData("short")]
    public async Task ChangePassword_WhenNewPasswordWeak_ShouldReturn422KeyedByNewPasswordAndKeepTheOldOne(string weak)
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.ChangePasswordAsync(tokens.AccessToken, user.Password, weak, ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Contain("new_password");
        (await _client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.LoginAsync(user with { Password = weak }, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ChangePassword_WhenValid_ShouldKeepTheCurrentSessionEndTheOthersAndSwitchPasswords()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, current) = await _client.RegisterAndLoginAsync(ct);
        var phone = await _client.LoginTokensAsync(user, ct);
        var tablet = await _client.LoginTokensAsync(user, ct);
        var newPassword = ApiClientExtensions.NewPassword();

        var response = await _client.ChangePasswordAsync(current.AccessToken, user.Password, newPassword, ct);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync(ct));
        await _client.ShouldBeRevokedAsync(phone, "a password change ends every other session", ct);
        await _client.ShouldBeRevokedAsync(tablet, "a password change ends every other session", ct);
        await _client.ShouldBeLiveAsync(current, "the session that changed the password stays signed in", ct);
        await (await _client.LoginAsync(user, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
        (await _client.LoginAsync(user with { Password = newPassword }, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ChangePassword_WhenValid_ShouldMailTheOwnerANoticeWithoutAnyPassword()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);
        var newPassword = ApiClientExtensions.NewPassword();

        (await _client.ChangePasswordAsync(tokens.AccessToken, user.Password, newPassword, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var notice = await Mail.NoticeAsync(user.Email, Mail.PasswordChangedSubject, ct);
        var all = TestMailbox.AllText(notice);
        all.Should().NotContain(user.Password).And.NotContain(newPassword);
        await Mail.SettleAsync(_api.Factory, ct);
        Mail.Box.MessagesTo(user.Email).Count(Mail.WithSubject(Mail.PasswordChangedSubject)).Should().Be(1);
    }
}
