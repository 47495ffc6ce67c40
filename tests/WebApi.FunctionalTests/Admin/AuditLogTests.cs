using System.Globalization;
using System.Text.Json;
using CleanAuth.Domain.Auditing;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using static CleanAuth.WebApi.FunctionalTests.Infrastructure.AdminReadApi;

namespace CleanAuth.WebApi.FunctionalTests.Admin;

/// <summary>
/// GET /api/v1/admin/audit-log over HTTP. Entries are seeded about ids no account has, so each test's entries can be
/// told apart in the shared database.
/// </summary>
public sealed class AuditLogTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();
    private readonly Guid _subject = Guid.NewGuid();
    private readonly Guid _actor = Guid.NewGuid();

    public static TheoryData<string, string> UndocumentedValues() => new()
    {
        { "page", "0" }, { "page", "first" }, { "page_size", "101" }, { "page_size", "-3" },
        { "user_id", "42" }, { "user_id", "not-a-guid" }, { "actor_id", "00000000-0000-0000-0000-00000000000g" },
        { "event_type", "login" }, { "event_type", "LOGIN.FAILED" }, { "event_type", "user.registered " },
        { "from", "2026-12-01T00:00:00" }, { "from", "2026-12-01" }, { "from", "yesterday" }, { "to", "1733011200" },
        { "to", "2026-12-01T00:00:00 01:00" },
    };

    [Theory]
    [MemberData(nameof(UndocumentedValues))]
    public async Task AuditLog_WhenAParameterHasAnUndocumentedValue_ShouldAnswer422KeyedByThatParameter(string parameter, string value)
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, admin) = await api.Factory.SignedInAdminAsync(_client, ct);

        var response = await _client.SendAuthorizedAsync(HttpMethod.Get, $"{AuditLogPath}?{parameter}={Uri.EscapeDataString(value)}&color=blue", admin.AccessToken, cancellationToken: ct);

        await response.ShouldBeRefusedParametersAsync(ct, parameter);
    }

    [Fact]
    public async Task AuditLog_WhenFiltered_ShouldListTheMatchingEntriesNewestFirstWithTiesById()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, admin) = await api.Factory.SignedInAdminAsync(_client, ct);
        var ticks = DateTime.UtcNow.Ticks;
        var now = new DateTime(ticks - (ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc); // whole seconds: the bounds below are exact
        var failed = AuditLogEntry.Record(AuditEventType.LoginFailed, now.AddHours(-3), _subject, null, "203.0.113.9", "curl/8.5", "4bf92f3577b34da6a3ce929d0e0e4736", """{"code":"INVALID_CREDENTIALS"}""");
        var rolesChanged = AuditLogEntry.Record(AuditEventType.RolesChanged, now.AddHours(-2), _subject, _actor, "198.51.100.4", "Firefox/140", null, """{"old_roles":["user"],"new_roles":["admin","user"]}""");
        var login = AuditLogEntry.Record(AuditEventType.LoginSucceeded, now.AddHours(-1), _subject, _subject, null, null, null);
        var sameInstant = AuditLogEntry.Record(AuditEventType.LoginSucceeded, now.AddHours(-1), _subject, _subject, null, null, null);
        var aboutSomeoneElse = AuditLogEntry.Record(AuditEventType.UserUpdated, now.AddMinutes(-30), Guid.NewGuid(), _actor, null, null, null, """{"fields":["email"]}""");
        await api.Factory.AddAuditEntriesAsync(ct, failed, rolesChanged, login, sameInstant, aboutSomeoneElse);
        var newestFirst = new[] { login, sameInstant }.OrderByDescending(e => e.Id.ToString(), StringComparer.Ordinal).Append(rolesChanged).Append(failed).Select(e => e.Id);

        (await IdsAsync($"user_id={_subject}")).Should().Equal(newestFirst);
        (await IdsAsync($"actor_id={_actor}")).Should().Equal(aboutSomeoneElse.Id, rolesChanged.Id);
        (await IdsAsync($"user_id={_subject}&event_type=login.succeeded")).Should().BeEquivalentTo([login.Id, sameInstant.Id]);
        (await IdsAsync($"actor_id={_actor.ToString("N").ToUpperInvariant()}&event_type=user.updated")).Should().Equal(aboutSomeoneElse.Id);
        (await IdsAsync($"user_id={_subject}&from={Instant(now.AddHours(-2), 2)}&to={Instant(now.AddHours(-1), 0)}"))
            .Should().Equal([rolesChanged.Id], "from is inclusive and to exclusive, whatever the offset they are written with");
        (await IdsAsync($"user_id={_subject}&from={Instant(now.AddHours(-3), -5)}&to={Instant(now.AddHours(-2).AddTicks(10), 0)}"))
            .Should().Equal(rolesChanged.Id, failed.Id);

        var body = await _client.GetOkAsync<JsonElement>($"{AuditLogPath}?actor_id={_actor}&event_type=roles.changed", admin.AccessToken, ct);
        var item = body.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        item.EnumerateObject().Select(p => p.Name).Should().Equal("id", "occurred_at", "event_type", "user_id", "actor_id", "ip_address", "user_agent", "trace_id", "details");
        item.GetProperty("details").ValueKind.Should().Be(JsonValueKind.Object, "details is the JSON object itself, not a string");
        item.GetProperty("details").GetProperty("new_roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("admin", "user");
        var entry = JsonSerializer.Deserialize<Entry>(item.GetRawText(), ApiClientExtensions.Json)!;
        entry.Should().BeEquivalentTo(new
        {
            rolesChanged.Id, OccurredAt = now.AddHours(-2), EventType = "roles.changed", UserId = _subject, ActorId = _actor, IpAddress = "198.51.100.4",
            UserAgent = "Firefox/140", TraceId = (string?)null,
        });
        entry.OccurredAt.Kind.Should().Be(DateTimeKind.Utc);

        async Task<Guid[]> IdsAsync(string query) =>
            [.. (await _client.GetOkAsync<PageOf<Entry>>($"{AuditLogPath}?{query}", admin.AccessToken, ct)).Items.Select(e => e.Id)];
    }

    [Fact]
    public async Task AuditLog_WhenPaging_ShouldCountPagesAndAnswerPagesPastTheEndWithNoItems()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, admin) = await api.Factory.SignedInAdminAsync(_client, ct);
        var now = DateTime.UtcNow;
        var entries = Enumerable.Range(1, 3).Select(i => AuditLogEntry.Record(AuditEventType.Logout, now.AddMinutes(-i), _subject, _subject, null, null, null)).ToArray();
        await api.Factory.AddAuditEntriesAsync(ct, entries);

        var pages = new List<PageOf<Entry>>();
        foreach (var page in new[] { 1, 2, 3, 50 })
        {
            pages.Add(await _client.GetOkAsync<PageOf<Entry>>($"{AuditLogPath}?user_id={_subject}&page_size=2&page={page}", admin.AccessToken, ct));
        }

        pages.Select(p => (p.Total, p.PageSize, p.Pages)).Should().AllBeEquivalentTo((3, 2, 2));
        pages.Select(p => p.Items.Length).Should().Equal(2, 1, 0, 0);
        pages.SelectMany(p => p.Items).Select(e => e.Id).Should().Equal(entries.Select(e => e.Id));
        var all = await _client.GetOkAsync<PageOf<Entry>>(AuditLogPath, admin.AccessToken, ct);
        (all.Page, all.PageSize).Should().Be((1, 20));
        all.Items.Select(e => (e.OccurredAt, e.Id.ToString())).Should().BeInDescendingOrder(Comparer<(DateTime, string)>.Create(
            (a, b) => a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : string.CompareOrdinal(a.Item2, b.Item2)));
    }

    /// <summary>The instant as ISO 8601 with the given offset in hours (Z for 0), escaped for a query string.</summary>
    private static string Instant(DateTime utc, int offsetHours)
    {
        var text = offsetHours == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)
            : new DateTimeOffset(utc).ToOffset(TimeSpan.FromHours(offsetHours)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return Uri.EscapeDataString(text);
    }
}
