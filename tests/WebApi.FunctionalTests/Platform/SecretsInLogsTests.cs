using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

public sealed class SecretsInLogsTests
{
    [Fact]
    public async Task Logs_WhenEveryFlowRuns_ShouldContainNoPasswordHashOrToken()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync();
        var client = isolated.CreateClient();

        var (user, first) = await client.RegisterAndLoginAsync(ct);
        await client.LoginAsync(user with { Password = user.Password + "-wrong" }, ct);
        var second = await (await client.RefreshAsync(first.RefreshToken, ct)).ReadAsync<TokenPair>(ct);
        await client.RefreshAsync(first.RefreshToken, ct);
        await client.GetMeAsync(second.AccessToken, ct);
        await client.GetAsync($"/api/v1/users/me?access_token={second.AccessToken}", ct);
        await client.LogoutAsync(second.AccessToken, new { refresh_token = second.RefreshToken }, ct);
        await client.RefreshAsync(second.RefreshToken, ct);

        var logs = isolated.Factory.Logs.AllText;
        logs.Should().Contain("RequestName=\"LoginCommand\"", "the request log is captured, so its absence of secrets means something");
        logs.Should().Contain("RequestPath=\"/api/v1/auth/refresh\"");
        logs.Should().NotContain(user.Password);
        logs.Should().NotContain(first.RefreshToken).And.NotContain(second.RefreshToken);
        logs.Should().NotContain(first.AccessToken.Split('.')[2]).And.NotContain(second.AccessToken.Split('.')[2]);
        logs.Should().NotContain("$argon2id$");
    }
}
