using System.Collections.Concurrent;
using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Lifecycle;

/// <summary>
/// Logins racing a password change or reset, and changes racing each other, on PostgreSQL with the production
/// Argon2id cost (so a login's hash takes as long as it does in production). ADR-013.
/// </summary>
public sealed class CredentialRaceTests
{
    private const int Trials = 6;

    public enum Change
    {
        Reset,
        Change,
    }

    [Theory]
    [InlineData(Change.Reset)]
    [InlineData(Change.Change)]
    public async Task Login_WhenRacingAPasswordChange_ShouldLeaveNoSessionOnTheOldPasswordOnceTheChangeHasAnswered(Change kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(ProductionHashCost);
        var client = isolated.CreateClient();
        var survivors = new List<string>();
        var raced = 0;

        for (var trial = 0; trial < Trials; trial++)
        {
            var (user, owner) = await client.RegisterAndLoginAsync(ct);
            var resetToken = kind == Change.Reset ? await PasswordResetTests.RequestResetTokenAsync(client, user.Email, ct) : null;
            var newPassword = ApiClientExtensions.NewPassword();
            var gained = new ConcurrentBag<TokenPair>();
            using var stop = new CancellationTokenSource();

            // Two attackers holding the old password log in as fast as they can while the owner changes it.
            var attackers = Enumerable.Range(0, 2).Select(_ => Task.Run(
                async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var response = await client.LoginAsync(user, ct);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            gained.Add(await response.ReadAsync<TokenPair>(ct));
                        }
                    }
                },
                ct)).ToArray();
            await Task.Delay(TimeSpan.FromMilliseconds(150), ct);

            var changed = kind == Change.Reset
                ? await client.ConfirmPasswordResetAsync(resetToken!, newPassword, ct)
                : await client.ChangePasswordAsync(owner.AccessToken, user.Password, newPassword, ct);
            changed.StatusCode.Should().Be(HttpStatusCode.NoContent);
            var answeredAt = gained.Count;
            await stop.CancelAsync();
            await Task.WhenAll(attackers);

            raced += gained.Count - answeredAt;
            foreach (var tokens in gained)
            {
                var me = await client.GetMeAsync(tokens.AccessToken, ct);
                var refresh = await client.RefreshAsync(tokens.RefreshToken, ct);
                if (me.StatusCode != HttpStatusCode.Unauthorized || refresh.StatusCode != HttpStatusCode.Unauthorized)
                {
                    survivors.Add($"trial {trial}: session {tokens.SessionId()} answered /users/me {(int)me.StatusCode}, refresh {(int)refresh.StatusCode}");
                }
            }
        }

        survivors.Should().BeEmpty(
            "once the {0} has answered, no session gained with the old password may be used ({1} logins answered 200 after the {0} did)", kind, raced);
    }

    [Fact]
    public async Task ChangePassword_WhenSentTwiceAtOnceWithTheSameCurrentPassword_ShouldLetAtMostOneSucceed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(ProductionHashCost);
        var client = isolated.CreateClient();

        for (var trial = 0; trial < Trials; trial++)
        {
            var (user, tokens) = await client.RegisterAndLoginAsync(ct);
            var candidates = new[] { ApiClientExtensions.NewPassword(), ApiClientExtensions.NewPassword() };

            var answers = await Task.WhenAll(candidates.Select(p => Task.Run(() => client.ChangePasswordAsync(tokens.AccessToken, user.Password, p, ct), ct)));

            answers.Count(a => a.StatusCode == HttpStatusCode.NoContent).Should().Be(1, "trial {0}: exactly one change wins", trial);
            var loser = answers.Single(a => a.StatusCode != HttpStatusCode.NoContent);
            await loser.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_CREDENTIALS", ct);
            var winner = candidates[Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.NoContent)];
            (await client.LoginAsync(user with { Password = winner }, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the winner's password is the one in force");
        }
    }

    private static Dictionary<string, string?> ProductionHashCost => new()
    {
        ["PasswordHashing:MemoryKiB"] = "19456",
        ["PasswordHashing:Iterations"] = "2",
    };
}
