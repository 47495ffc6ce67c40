using System.Net;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.FunctionalTests.Admin;

/// <summary>
/// LAST_ADMIN under concurrency (ADR-015): two admins removing each other at the same instant, on one instance or on two
/// app processes sharing one PostgreSQL database. The requests are sent while the test holds the administrators' lock and
/// released only once every one of them waits for it inside its transaction, so they truly overlap: one wins, the other
/// gets 409 LAST_ADMIN, and an active admin remains.
/// </summary>
public sealed class LastAdminConcurrencyTests
{
    [Fact]
    public async Task OneInstance_WhenTwoAdminsDeactivateDemoteOrDeleteEachOtherAtOnce_ShouldLetOneWinAndKeepAnActiveAdmin()
    {
        var ct = TestContext.Current.CancellationToken;
        var (isolated, client, first) = await AdminGuardTests.StartWithAdminAsync(ct);
        await using var _ = isolated;
        var second = await AdminGuardTests.PromoteNewAsync(client, first, ct);
        var database = isolated.Database.ConnectionString;

        // Deactivation.
        var answers = await AdministratorsLockHold.RaceAsync(database, ct,
            () => client.DeactivateUserAsync(first.Tokens.AccessToken, second.Id, ct),
            () => client.DeactivateUserAsync(second.Tokens.AccessToken, first.Id, ct));
        var (winner, loser) = await OneWinsAsync(answers, HttpStatusCode.NoContent, first, second, ct);
        await ActiveAdminsShouldBeAsync(isolated.Factory, ct, (winner.Id, true), (loser.Id, false));
        await client.ShouldBeRevokedAsync(loser.Tokens, "the deactivated admin's sessions end", ct);

        (first, second) = (winner, await ReactivateAsync(client, winner, loser, ct));

        // Demotion.
        answers = await AdministratorsLockHold.RaceAsync(database, ct,
            () => client.ReplaceRolesAsync(first.Tokens.AccessToken, second.Id, new[] { "user" }, ct),
            () => client.ReplaceRolesAsync(second.Tokens.AccessToken, first.Id, new[] { "user" }, ct));
        (winner, loser) = await OneWinsAsync(answers, HttpStatusCode.OK, first, second, ct);
        await ActiveAdminsShouldBeAsync(isolated.Factory, ct, (winner.Id, true), (loser.Id, false));

        (first, second) = (winner, await RepromoteAsync(client, winner, loser, ct));

        // Deletion.
        answers = await AdministratorsLockHold.RaceAsync(database, ct,
            () => client.DeleteUserAsync(first.Tokens.AccessToken, second.Id, ct),
            () => client.DeleteUserAsync(second.Tokens.AccessToken, first.Id, ct));
        (winner, loser) = await OneWinsAsync(answers, HttpStatusCode.NoContent, first, second, ct);
        await ActiveAdminsShouldBeAsync(isolated.Factory, ct, (winner.Id, true));
        (await StoredAccount.ReadAsync(isolated.Factory, loser.Id, ct)).Exists.Should().BeFalse();
    }

    [Fact]
    public async Task OneInstance_WhenTwoAdminsDeleteTheirOwnAccountsAtOnce_ShouldLetOneGoAndKeepTheOther()
    {
        var ct = TestContext.Current.CancellationToken;
        var (isolated, client, first) = await AdminGuardTests.StartWithAdminAsync(ct);
        await using var _ = isolated;
        var second = await AdminGuardTests.PromoteNewAsync(client, first, ct);

        var answers = await AdministratorsLockHold.RaceAsync(isolated.Database.ConnectionString, ct,
            () => client.DeleteMeAsync(first.Tokens.AccessToken, first.User.Password, ct),
            () => client.DeleteMeAsync(second.Tokens.AccessToken, second.User.Password, ct));

        var (gone, kept) = await OneWinsAsync(answers, HttpStatusCode.NoContent, first, second, ct);
        await ActiveAdminsShouldBeAsync(isolated.Factory, ct, (gone.Id, false), (kept.Id, true));
        await client.ShouldBeLiveAsync(kept.Tokens, "the refused deletion changed nothing", ct);
    }

    [Fact]
    public async Task TwoInstances_WhenTwoAdminsDeactivateOrDemoteEachOtherAtOnce_ShouldLetOneWinAndKeepAnActiveAdmin()
    {
        var ct = TestContext.Current.CancellationToken;
        var (isolated, local, first) = await AdminGuardTests.StartWithAdminAsync(ct);
        await using var _ = isolated;
        await using var other = await RunningApp.StartAsync(ct, isolated.Database);
        var remote = other.Client;
        var second = await AdminGuardTests.PromoteNewAsync(local, first, ct);
        var database = isolated.Database.ConnectionString;

        // The first admin acts through this process, the second through the other one.
        var answers = await AdministratorsLockHold.RaceAsync(database, ct,
            () => local.DeactivateUserAsync(first.Tokens.AccessToken, second.Id, ct),
            () => remote.DeactivateUserAsync(second.Tokens.AccessToken, first.Id, ct));
        var (winner, loser) = await OneWinsAsync(answers, HttpStatusCode.NoContent, first, second, ct, other);
        await ActiveAdminsShouldBeAsync(isolated.Factory, ct, (winner.Id, true), (loser.Id, false));
        await (await remote.RefreshAsync(loser.Tokens.RefreshToken, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);

        (first, second) = (winner, await ReactivateAsync(local, winner, loser, ct));

        answers = await AdministratorsLockHold.RaceAsync(database, ct,
            () => local.ReplaceRolesAsync(first.Tokens.AccessToken, second.Id, new[] { "user" }, ct),
            () => remote.ReplaceRolesAsync(second.Tokens.AccessToken, first.Id, new[] { "user" }, ct));
        (winner, loser) = await OneWinsAsync(answers, HttpStatusCode.OK, first, second, ct, other);
        await ActiveAdminsShouldBeAsync(isolated.Factory, ct, (winner.Id, true), (loser.Id, false));
    }

    [Fact]
    public async Task ManyAdmins_WhenEachDeactivatesEveryOtherAtOnce_ShouldNeverLeaveNoActiveAdmin()
    {
        var ct = TestContext.Current.CancellationToken;
        var (isolated, client, first) = await AdminGuardTests.StartWithAdminAsync(ct);
        await using var _ = isolated;
        var admins = new List<SignedIn> { first };
        for (var i = 0; i < 3; i++)
        {
            admins.Add(await AdminGuardTests.PromoteNewAsync(client, first, ct));
        }

        var calls = (from caller in admins from target in admins where caller != target select (caller, target)).ToList();
        using var start = new SemaphoreSlim(0);
        var sent = calls.Select(c => Task.Run(async () =>
        {
            await start.WaitAsync(ct);
            return await client.DeactivateUserAsync(c.caller.Tokens.AccessToken, c.target.Id, ct);
        }, ct)).ToList();
        start.Release(calls.Count);
        var answers = await Task.WhenAll(sent);

        foreach (var answer in answers)
        {
            var text = await answer.Content.ReadAsStringAsync(ct);
            answer.StatusCode.Should().BeOneOf([HttpStatusCode.NoContent, HttpStatusCode.Conflict, HttpStatusCode.Unauthorized], text);
            if (answer.StatusCode == HttpStatusCode.Conflict)
            {
                text.Should().Contain("\"LAST_ADMIN\"", "the only conflict here is the last admin");
            }
        }

        var states = await Task.WhenAll(admins.Select(a => StoredAccount.ReadAsync(isolated.Factory, a.Id, ct)));
        states.Count(s => s.IsActive).Should().Be(1, "every deactivation that could go through did, but never the last active admin's");
    }

    /// <summary>
    /// One answer (of <paramref name="first"/>'s request, then <paramref name="second"/>'s) is the success, the other 409
    /// LAST_ADMIN; returns whose request succeeded and whose did not.
    /// </summary>
    private static async Task<(SignedIn Winner, SignedIn Loser)> OneWinsAsync(
        HttpResponseMessage[] answers, HttpStatusCode success, SignedIn first, SignedIn second, CancellationToken ct, RunningApp? otherInstance = null)
    {
        var texts = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync(ct)));
        var because = $"answers: {(int)answers[0].StatusCode} {texts[0]} | {(int)answers[1].StatusCode} {texts[1]}{(otherInstance is null ? "" : $"\nother instance:\n{otherInstance.Output}")}";
        answers.Count(a => a.StatusCode == success).Should().Be(1, because);
        var lost = answers[0].StatusCode == success ? 1 : 0;
        await answers[lost].ShouldBeProblemAsync(HttpStatusCode.Conflict, "LAST_ADMIN", ct);
        return lost == 1 ? (first, second) : (second, first);
    }

    private static async Task ActiveAdminsShouldBeAsync(CleanAuthApiFactory host, CancellationToken ct, params (Guid Id, bool ActiveAdmin)[] expected)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<CleanAuth.Domain.Users.IUserRepository>();
        foreach (var (id, activeAdmin) in expected)
        {
            var user = await users.GetByIdAsync(id, ct);
            (user is { IsActive: true, IsAdmin: true }).Should().Be(activeAdmin, $"{id} should {(activeAdmin ? "" : "not ")}be an active admin");
        }
    }

    private static async Task<SignedIn> ReactivateAsync(HttpClient client, SignedIn admin, SignedIn inactive, CancellationToken ct)
    {
        await (await client.ActivateUserAsync(admin.Tokens.AccessToken, inactive.Id, ct)).ShouldBeNoContentAsync(ct);
        return await client.SignInAsync(inactive.User, ct);
    }

    private static async Task<SignedIn> RepromoteAsync(HttpClient client, SignedIn admin, SignedIn demoted, CancellationToken ct)
    {
        await (await client.ReplaceRolesAsync(admin.Tokens.AccessToken, demoted.Id, new[] { "admin", "user" }, ct)).ShouldBeAdminUserAsync(ct);
        return await client.SignInAsync(demoted.User, ct);
    }
}
