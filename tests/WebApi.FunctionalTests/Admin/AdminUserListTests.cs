using System.Net;
using System.Text.Json;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Users;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using static CleanAuth.WebApi.FunctionalTests.Infrastructure.AdminReadApi;

namespace CleanAuth.WebApi.FunctionalTests.Admin;

/// <summary>
/// GET /api/v1/admin/users and /admin/users/{id} over HTTP. The database is shared with other tests, so each test's
/// accounts carry a marker and its lists search for it (which also proves the search).
/// </summary>
public sealed class AdminUserListTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();
    private readonly string _marker = NewMarker();

    public static TheoryData<string, string> UndocumentedValues() => new()
    {
        { "page", "0" }, { "page", "-1" }, { "page", "abc" }, { "page", "1.5" }, { "page", "99999999999" }, { "page", "" },
        { "page_size", "0" }, { "page_size", "101" }, { "page_size", "ten" },
        { "search", new string('a', 101) }, { "search", "%00admin" },
        { "role", "auditor" }, { "role", "Admin" },
        { "is_active", "yes" }, { "is_active", "1" }, { "email_verified", "no" },
        { "sort_by", "password_hash" }, { "sort_by", "Email" }, { "sort_order", "up" }, { "sort_order", "DESC" },
    };

    [Theory]
    [MemberData(nameof(UndocumentedValues))]
    public async Task List_WhenAParameterHasAnUndocumentedValue_ShouldAnswer422KeyedByThatParameter(string parameter, string value)
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, admin) = await api.Factory.SignedInAdminAsync(_client, ct);
        var encoded = parameter == "search" && value.StartsWith('%') ? value : Uri.EscapeDataString(value);

        var response = await _client.SendAuthorizedAsync(HttpMethod.Get, $"{UsersPath}?{parameter}={encoded}&page_size=5", admin.AccessToken, cancellationToken: ct);

        if (value.Length == 0)
        {
            // An empty value is an absent one (ASP.NET binds it as null): the default applies.
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            return;
        }

        await response.ShouldBeRefusedParametersAsync(ct, parameter);
    }

    [Fact]
    public async Task List_WhenSeveralParametersAreWrongAndOthersUnknown_ShouldReportEachWrongOneAndIgnoreTheUnknown()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, admin) = await api.Factory.SignedInAdminAsync(_client, ct);

        var refused = await _client.SendAuthorizedAsync(HttpMethod.Get, $"{UsersPath}?page=x&is_active=maybe&sort_by=id&color=blue", admin.AccessToken, cancellationToken: ct);
        var ignored = await _client.SendAuthorizedAsync(HttpMethod.Get, $"{UsersPath}?color=blue&password=x&limit=5000", admin.AccessToken, cancellationToken: ct);

        await refused.ShouldBeRefusedParametersAsync(ct, "page", "is_active", "sort_by");
        ignored.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ignored.ReadAsync<PageOf<UserItem>>(ct)).PageSize.Should().Be(20, "unknown parameters change nothing");
    }

    [Fact]
    public async Task List_WhenPaging_ShouldCountPagesAsTheCeilingAndAnswerPagesPastTheEndWithNoItems()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, admin) = await api.Factory.SignedInAdminAsync(_client, ct);
        var now = DateTime.UtcNow;
        await api.Factory.AddUsersAsync(ct, [.. Enumerable.Range(1, 5).Select(i => NewAccount($"{_marker}{i}@example.com", $"{_marker}{i}", now.AddMinutes(-i)))]);

        var pages = new List<PageOf<UserItem>>();
        foreach (var page in new[] { 1, 2, 3, 4, int.MaxValue })
        {
            pages.Add(await _client.GetOkAsync<PageOf<UserItem>>($"{UsersPath}?search={_marker}&page_size=2&page={page}", admin.AccessToken, ct));
        }

        pages.Select(p => (p.Total, p.PageSize, p.Pages)).Should().AllBeEquivalentTo((5, 2, 3));
        pages.Select(p => p.Page).Should().Equal(1, 2, 3, 4, int.MaxValue);
        pages.Select(p => p.Items.Length).Should().Equal(2, 2, 1, 0, 0);
        pages.SelectMany(p => p.Items).Select(u => u.Username).Should().Equal(
            Enumerable.Range(1, 5).Select(i => $"{_marker}{i}"), "newest first by default");
        var defaults = await _client.GetOkAsync<PageOf<UserItem>>($"{UsersPath}?search={_marker}", admin.AccessToken, ct);
        (defaults.Page, defaults.PageSize, defaults.Pages, defaults.Items.Length).Should().Be((1, 20, 1, 5));
        var nothing = await _client.GetOkAsync<PageOf<UserItem>>($"{UsersPath}?search={_marker}zzz", admin.AccessToken, ct);
        (nothing.Total, nothing.Pages, nothing.Items.Length).Should().Be((0, 0, 0));
    }

    [Theory]
    [InlineData("created_at")]
    [InlineData("email")]
    [InlineData("username")]
    [InlineData("last_login_at")]
    public async Task List_WhenSorted_ShouldFollowTheOrderInBothDirectionsWithTiesByIdAndNeverLoggedInLast(string sortBy)
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, admin) = await api.Factory.SignedInAdminAsync(_client, ct);
        var now = DateTime.UtcNow;
        // Mixed case (sorted case-insensitively); two created at the same instant and two logged in at the same instant
        // (ties go by id); two never logged in (last in both directions of last_login_at).
        var users = new[]
        {
            NewAccount($"{_marker}Dave@example.com", $"{_marker}dave", now.AddDays(-4), lastLogin: now.AddHours(-1)),
            NewAccount($"{_marker}alice@example.com", $"{_marker}Alice", now.AddDays(-3), lastLogin: now.AddHours(-3)),
            NewAccount($"{_marker}Carol@example.com", $"{_marker}carol", now.AddDays(-2), lastLogin: now.AddHours(-3)),
            NewAccount($"{_marker}bob@example.com", $"{_marker}Bob", now.AddDays(-2)),
            NewAccount($"{_marker}erin@example.com", $"{_marker}Erin", now.AddDays(-1)),
            NewAccount($"{_marker}frank@example.com", $"{_marker}frank", now.AddDays(-5), lastLogin: now.AddHours(-2)),
        };
        await api.Factory.AddUsersAsync(ct, users);

        foreach (var order in new[] { "asc", "desc" })
        {
            var listed = new List<string>();
            for (var page = 1; page <= 3; page++)
            {
                var body = await _client.GetOkAsync<PageOf<UserItem>>(
                    $"{UsersPath}?search={_marker}&sort_by={sortBy}&sort_order={order}&page_size=4&page={page}", admin.AccessToken, ct);
                listed.AddRange(body.Items.Select(u => u.Username[_marker.Length..]));
            }

            listed.Should().Equal(Expected(users, sortBy, order == "desc").Select(u => u.Username[_marker.Length..]), $"{sortBy} {order}");
        }

        var defaultOrder = await _client.GetOkAsync<PageOf<UserItem>>($"{UsersPath}?search={_marker}&sort_by={sortBy}", admin.AccessToken, ct);
        defaultOrder.Items.Select(u => u.Id).Should().Equal(Expected(users, sortBy, descending: true).Select(u => u.Id), "desc is the default order");
        switch (sortBy)
        {
            case "email":
                Expected(users, sortBy, descending: false).Select(u => u.Username[_marker.Length..]).Should().Equal(["Alice", "Bob", "carol", "dave", "Erin", "frank"]);
                break;
            case "last_login_at":
                Expected(users, sortBy, descending: true).Skip(4).Select(u => u.LastLoginAt).Should().AllSatisfy(l => l.Should().BeNull());
                Expected(users, sortBy, descending: false).Skip(4).Select(u => u.LastLoginAt).Should().AllSatisfy(l => l.Should().BeNull());
                break;
        }
    }

    [Fact]
    public async Task List_WhenSearching_ShouldMatchCaseInsensitivelyWithPercentAndUnderscoreMatchingOnlyThemselves()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, admin) = await api.Factory.SignedInAdminAsync(_client, ct);
        var now = DateTime.UtcNow;
        await api.Factory.AddUsersAsync(ct,
            NewAccount($"{_marker}a_b@example.com", $"{_marker}one", now),
            NewAccount($"{_marker}axb@example.com", $"{_marker}two", now),
            NewAccount($"{_marker}c%d@example.com", $"{_marker}three", now),
            NewAccount($"{_marker}cxxd@example.com", $"{_marker}four", now),
            NewAccount($"{_marker}x@example.com", $"{_marker}Mixed_Case", now));

        (await SearchAsync(admin, $"{_marker}A_B")).Should().Equal($"{_marker}one");
        (await SearchAsync(admin, $"{_marker}c%d")).Should().Equal($"{_marker}three");
        (await SearchAsync(admin, $"{_marker}MIXED_case")).Should().Equal(new[] { $"{_marker}Mixed_Case" }, "usernames are searched too");
        (await SearchAsync(admin, $"  {_marker.ToUpperInvariant()}  ")).Should().HaveCount(5, "the search is trimmed and case-insensitive");
        (await SearchAsync(admin, $"{_marker}c%")).Should().Equal($"{_marker}three");
        (await SearchAsync(admin, $"{_marker}_")).Should().BeEmpty("no name has an underscore right after the marker");

        async Task<string[]> SearchAsync(TokenPair tokens, string search) =>
            [.. (await _client.GetOkAsync<PageOf<UserItem>>($"{UsersPath}?search={Uri.EscapeDataString(search)}&sort_by=username&sort_order=asc", tokens.AccessToken, ct))
                .Items.Select(u => u.Username)];
    }

    [Fact]
    public async Task List_WhenFilteredByRoleActiveStateAndVerification_ShouldKeepOnlyTheMatches()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, admin) = await api.Factory.SignedInAdminAsync(_client, ct);
        var now = DateTime.UtcNow;
        await api.Factory.AddUsersAsync(ct,
            NewAccount($"{_marker}ava@example.com", $"{_marker}ava", now, verified: true, roles: [RoleName.Admin, RoleName.User]),
            NewAccount($"{_marker}ian@example.com", $"{_marker}ian", now, verified: true, roles: [RoleName.Admin], active: false),
            NewAccount($"{_marker}uma@example.com", $"{_marker}uma", now),
            NewAccount($"{_marker}gus@example.com", $"{_marker}gus", now, verified: true, roles: [RoleName.Guest]));

        (await NamesAsync("role=admin")).Should().Equal("ava", "ian");
        (await NamesAsync("role=user")).Should().Equal("ava", "uma");
        (await NamesAsync("role=guest")).Should().Equal("gus");
        (await NamesAsync("is_active=false")).Should().Equal("ian");
        (await NamesAsync("is_active=true")).Should().Equal("ava", "gus", "uma");
        (await NamesAsync("email_verified=false")).Should().Equal("uma");
        (await NamesAsync("email_verified=true&is_active=true&role=admin")).Should().Equal("ava");

        async Task<string[]> NamesAsync(string filters) =>
            [.. (await _client.GetOkAsync<PageOf<UserItem>>($"{UsersPath}?search={_marker}&sort_by=username&sort_order=asc&{filters}", admin.AccessToken, ct))
                .Items.Select(u => u.Username[_marker.Length..])];
    }

    [Fact]
    public async Task GetAndList_AfterRealLogins_ShouldShowTheLastLoginAndTheActiveSessionsOutsideListsOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, _, admin) = await api.Factory.SignedInAdminAsync(_client, ct);
        var user = await _client.RegisterNewUserAsync(ct);
        var listed = await _client.GetOkAsync<PageOf<UserItem>>($"{UsersPath}?search={Uri.EscapeDataString(user.Email)}", admin.AccessToken, ct);
        var id = listed.Items.Should().ContainSingle().Subject.Id;
        var before = await _client.GetOkAsync<UserDetails>($"{UsersPath}/{id}", admin.AccessToken, ct);

        var start = DateTime.UtcNow;
        await _client.LoginTokensAsync(user, ct);
        var second = await _client.LoginTokensAsync(user, ct);
        var end = DateTime.UtcNow;

        before.LastLoginAt.Should().BeNull("the account never logged in");
        before.ActiveSessions.Should().Be(0);
        var after = await _client.GetOkAsync<UserDetails>($"{UsersPath}/{id}", admin.AccessToken, ct);
        after.LastLoginAt.Should().NotBeNull().And.BeOnOrAfter(start.AddSeconds(-1)).And.BeOnOrBefore(end.AddSeconds(1));
        after.LastLoginAt!.Value.Kind.Should().Be(DateTimeKind.Utc);
        after.ActiveSessions.Should().Be(2);
        after.UpdatedAt.Should().Be(before.UpdatedAt, "a login is not a change of the account");
        after.Should().BeEquivalentTo(new
        {
            Id = id, user.Email, user.Username, FullName = (string?)null, IsActive = true, IsAdmin = false, EmailVerified = false,
            PendingEmail = (string?)null, Roles = new[] { "user" },
        });
        await _client.LogoutAsync(second.AccessToken, cancellationToken: ct);
        (await _client.GetOkAsync<UserDetails>($"{UsersPath}/{id}", admin.AccessToken, ct)).ActiveSessions.Should().Be(1, "a revoked session is not active");

        var response = await _client.SendAuthorizedAsync(HttpMethod.Get, $"{UsersPath}?search={Uri.EscapeDataString(user.Username)}", admin.AccessToken, cancellationToken: ct);
        var item = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("items")[0];
        item.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            ["id", "email", "username", "full_name", "is_active", "is_admin", "email_verified", "pending_email", "roles", "created_at", "updated_at", "last_login_at"],
            "a list item is the user plus last_login_at, without active_sessions");
        item.GetProperty("last_login_at").GetDateTime().Should().Be(after.LastLoginAt.Value);
    }

    private static IEnumerable<User> Expected(User[] users, string sortBy, bool descending)
    {
        static string IdOf(User u) => u.Id.ToString();
        IEnumerable<User> Directed(IOrderedEnumerable<User> ascending) => descending ? ascending.Reverse() : ascending;
        return sortBy switch
        {
            "created_at" => Directed(users.OrderBy(u => u.CreatedAt).ThenBy(IdOf, StringComparer.Ordinal)),
            "email" => Directed(users.OrderBy(u => u.NormalizedEmail, StringComparer.Ordinal)),
            "username" => Directed(users.OrderBy(u => u.NormalizedUsername, StringComparer.Ordinal)),
            _ => Directed(users.Where(u => u.LastLoginAt is not null).OrderBy(u => u.LastLoginAt).ThenBy(IdOf, StringComparer.Ordinal))
                .Concat(Directed(users.Where(u => u.LastLoginAt is null).OrderBy(IdOf, StringComparer.Ordinal))),
        };
    }
}
