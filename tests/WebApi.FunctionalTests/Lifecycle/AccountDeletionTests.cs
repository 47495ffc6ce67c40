using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Lifecycle;

public sealed class AccountDeletionTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task DeleteMe_WhenPasswordWrong_ShouldReturn400InvalidCredentialsAndKeepTheAccount()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, tokens) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.DeleteMeAsync(tokens.AccessToken, user.Password + "-wrong", ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_CREDENTIALS", ct);
        await _client.ShouldBeLiveAsync(tokens, "a refused deletion ends nothing", ct);
        (await _client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeleteMe_WhenPasswordRight_ShouldDeactivateTheAccountAndEndEverySession()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, laptop) = await _client.RegisterAndLoginAsync(ct);
        var phone = await _client.LoginTokensAsync(user, ct);
        var (_, stranger) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.DeleteMeAsync(laptop.AccessToken, user.Password, ct);

        var text = await response.Content.ReadAsStringAsync(ct);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, text);
        text.Should().BeEmpty();
        await _client.ShouldBeRevokedAsync(laptop, "a deleted account has no sessions", ct);
        await _client.ShouldBeRevokedAsync(phone, "a deleted account has no sessions", ct);
        await _client.ShouldBeLiveAsync(stranger, "other accounts are unaffected", ct);
        await (await _client.LoginAsync(user, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCOUNT_INACTIVE", ct);

        // The account's state shows only after the password checks out.
        await (await _client.LoginAsync(user with { Password = user.Password + "-wrong" }, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
    }
}
