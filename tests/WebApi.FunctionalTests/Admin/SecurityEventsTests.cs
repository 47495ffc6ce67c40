using System.Net;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.Authorization;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using static CleanAuth.WebApi.FunctionalTests.Infrastructure.AdminReadApi;

namespace CleanAuth.WebApi.FunctionalTests.Admin;

/// <summary>GET /api/v1/users/me/security-events: the caller's own audit entries (about the caller) and no one else's.</summary>
public sealed class SecurityEventsTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task SecurityEvents_ShouldListOnlyTheCallersOwnEntriesNewestFirstWhateverTheParameters()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, aliceId, alice) = await api.Factory.SignedInWithRolesAsync(_client, [RoleName.User], ct);
        var (_, bobId, _) = await api.Factory.SignedInWithRolesAsync(_client, [RoleName.User], ct);
        var now = DateTime.UtcNow;
        var changed = AuditLogEntry.Record(AuditEventType.PasswordChanged, now.AddHours(-2), aliceId, aliceId, "203.0.113.7", "Safari/18", null);
        var loggedOut = AuditLogEntry.Record(AuditEventType.Logout, now.AddHours(-1), aliceId, aliceId, null, null, null);
        var bobs = AuditLogEntry.Record(AuditEventType.PasswordChanged, now.AddHours(-1), bobId, bobId, null, null, null);
        var aliceActingOnBob = AuditLogEntry.Record(AuditEventType.RolesChanged, now.AddMinutes(-10), bobId, aliceId, null, null, null, """{"old_roles":["user"],"new_roles":["guest"]}""");
        await api.Factory.AddAuditEntriesAsync(ct, changed, loggedOut, bobs, aliceActingOnBob);

        foreach (var query in new[] { "", $"?user_id={bobId}", $"?actor_id={aliceId}&event_type=roles.changed&from=nonsense" })
        {
            var page = await _client.GetOkAsync<PageOf<Entry>>(SecurityEventsPath + query, alice.AccessToken, ct);

            page.Items.Should().OnlyContain(e => e.UserId == aliceId, "only entries about the caller, whatever else is asked");
            page.Items.Select(e => e.Id).Should().ContainInOrder(loggedOut.Id, changed.Id).And.NotContain([bobs.Id, aliceActingOnBob.Id]);
            page.Items.Select(e => e.OccurredAt).Should().BeInDescendingOrder();
            page.Total.Should().Be(page.Items.Length);
        }

        var first = await _client.GetOkAsync<PageOf<Entry>>($"{SecurityEventsPath}?page_size=1", alice.AccessToken, ct);
        (first.Items.Length, first.PageSize, first.Pages).Should().Be((1, 1, first.Total));
        var past = await _client.GetOkAsync<PageOf<Entry>>($"{SecurityEventsPath}?page={first.Total + 1}&page_size=1", alice.AccessToken, ct);
        (past.Items.Length, past.Total, past.Page).Should().Be((0, first.Total, first.Total + 1));
    }

    [Theory]
    [InlineData("page", "0")]
    [InlineData("page", "two")]
    [InlineData("page_size", "101")]
    [InlineData("page_size", "1.0")]
    public async Task SecurityEvents_WhenPagingIsInvalid_ShouldAnswer422KeyedByTheParameter(string parameter, string value)
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await _client.RegisterAndLoginAsync(ct);

        var response = await _client.SendAuthorizedAsync(HttpMethod.Get, $"{SecurityEventsPath}?{parameter}={value}", tokens.AccessToken, cancellationToken: ct);

        await response.ShouldBeRefusedParametersAsync(ct, parameter);
    }

    [Fact]
    public async Task SecurityEvents_WhenTheCallerIsAGuest_ShouldBeAllowed()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, guestId, guest) = await api.Factory.SignedInWithRolesAsync(_client, [RoleName.Guest], ct);
        await api.Factory.AddAuditEntriesAsync(ct, AuditLogEntry.Record(AuditEventType.Logout, DateTime.UtcNow, guestId, guestId, null, null, null));

        var response = await _client.SendAuthorizedAsync(HttpMethod.Get, SecurityEventsPath, guest.AccessToken, cancellationToken: ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "looking at one's own events needs account:read_self only");
        (await response.ReadAsync<PageOf<Entry>>(ct)).Items.Should().Contain(e => e.UserId == guestId && e.EventType == AuditEventType.Logout);
    }
}
