using System.Text.Json;
using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Application.Admin.Queries.ListUsers;
using CleanAuth.Application.Auditing.Common;
using CleanAuth.Application.Auditing.Dtos;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Paging;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The admin read side's queries on both providers: the user list's filters and orders (the SQL of search, sort and
/// paging), the stats' aggregates and the audit log's page, each against rows seeded through the domain. Seeded
/// aggregates drop their domain events, so no event handler adds rows of its own.
/// </summary>
public sealed class AdminQueriesTests
{
    private static readonly DateTime s_now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task ListUsers_WhenSearching_ShouldMatchSubstringsCaseInsensitivelyWithPercentAndUnderscoreAsThemselves(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var underscore = NewUser("Under_Score@example.com", "under_score");
        var lookalike = NewUser("underxscore@example.com", "underxscore");
        var percent = NewUser("fifty%off@example.com", "fiftyoff");
        var lookalikeOfPercent = NewUser("fiftyxoff@example.com", "fifty-x-off");
        var byUsernameOnly = NewUser("someone@example.com", "Mixed.Case");
        await AddAsync(host, ct, underscore, lookalike, percent, lookalikeOfPercent, byUsernameOnly);

        (await SearchAsync(host, "DER_SC", ct)).Should().Equal(underscore.Username);
        (await SearchAsync(host, "y%o", ct)).Should().Equal(percent.Username);
        (await SearchAsync(host, "%", ct)).Should().Equal(percent.Username);
        (await SearchAsync(host, "_", ct)).Should().Equal(underscore.Username);
        (await SearchAsync(host, "  mixed.CASE  ", ct)).Should().ContainSingle("the search is trimmed and matches usernames too")
            .Which.Should().Be(byUsernameOnly.Username);
        (await SearchAsync(host, "EXAMPLE.COM", ct)).Should().HaveCount(5);
        (await SearchAsync(host, "\u212Aelvin", ct)).Should().BeEmpty("non-ASCII text matches no (ASCII) address, as in a look-up");
        (await SearchAsync(host, "   ", ct)).Should().HaveCount(5, "a blank search does not filter");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task ListUsers_WhenFiltered_ShouldApplyEveryFilterTogetherAndCountOnlyTheMatches(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var activeVerifiedAdmin = NewUser("ava@example.com", "ava", verified: true, roles: [RoleName.Admin, RoleName.User]);
        var inactiveAdmin = NewUser("ian@example.com", "ian", verified: true, roles: [RoleName.Admin]);
        inactiveAdmin.Deactivate(s_now);
        var activeUnverifiedUser = NewUser("uma@example.com", "uma");
        var guest = NewUser("gus@example.com", "gus", verified: true, roles: [RoleName.Guest]);
        await AddAsync(host, ct, activeVerifiedAdmin, inactiveAdmin, activeUnverifiedUser, guest);

        (await ListAsync(host, new ListUsersQuery(Role: "admin", SortBy: "username", SortOrder: "asc"), ct)).Items.Select(u => u.Username).Should().Equal("ava", "ian");
        (await ListAsync(host, new ListUsersQuery(Role: "user"), ct)).Items.Select(u => u.Username).Should().BeEquivalentTo("ava", "uma");
        (await ListAsync(host, new ListUsersQuery(IsActive: "false"), ct)).Items.Select(u => u.Username).Should().Equal("ian");
        (await ListAsync(host, new ListUsersQuery(EmailVerified: "false"), ct)).Items.Select(u => u.Username).Should().Equal("uma");
        var combined = await ListAsync(host, new ListUsersQuery(Role: "admin", IsActive: "true", EmailVerified: "true", Search: "A"), ct);
        combined.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            activeVerifiedAdmin.Id, Email = "ava@example.com", Username = "ava", IsActive = true, IsAdmin = true, EmailVerified = true,
            Roles = new[] { "admin", "user" }, LastLoginAt = (DateTime?)null,
        });
        combined.Total.Should().Be(1);
        var paged = await ListAsync(host, new ListUsersQuery(Page: "2", PageSize: "3"), ct);
        (paged.Items.Count, paged.Total, paged.Pages).Should().Be((1, 4, 2));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite, "created_at")]
    [InlineData(TestProvider.Sqlite, "email")]
    [InlineData(TestProvider.Sqlite, "username")]
    [InlineData(TestProvider.Sqlite, "last_login_at")]
    [InlineData(TestProvider.Postgres, "created_at")]
    [InlineData(TestProvider.Postgres, "email")]
    [InlineData(TestProvider.Postgres, "username")]
    [InlineData(TestProvider.Postgres, "last_login_at")]
    public async Task ListUsers_WhenSorted_ShouldFollowTheOrderInBothDirectionsPageByPage(TestProvider provider, string sortBy)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        // Mixed case: sorted case-insensitively. Two created at the same instant and two logged in at the same instant
        // (ties go by id); two never logged in (last in both directions).
        var users = new[]
        {
            NewUser("Dave@example.com", "dave", createdAt: s_now.AddDays(-4), lastLogin: s_now.AddHours(-1)),
            NewUser("alice@example.com", "Alice", createdAt: s_now.AddDays(-3), lastLogin: s_now.AddHours(-3)),
            NewUser("Carol@example.com", "carol", createdAt: s_now.AddDays(-2), lastLogin: s_now.AddHours(-3)),
            NewUser("bob@example.com", "Bob", createdAt: s_now.AddDays(-2), lastLogin: null),
            NewUser("erin@example.com", "Erin", createdAt: s_now.AddDays(-1), lastLogin: null),
            NewUser("frank@example.com", "frank", createdAt: s_now.AddDays(-5), lastLogin: s_now.AddHours(-2)),
        };
        await AddAsync(host, ct, users);

        foreach (var descending in new[] { false, true })
        {
            var expected = Expected(users, sortBy, descending);
            var pages = new List<string>();
            for (var page = 1; page <= 3; page++)
            {
                var result = await ListAsync(host, new ListUsersQuery(Page: $"{page}", PageSize: "4", SortBy: sortBy, SortOrder: descending ? "desc" : "asc"), ct);
                pages.AddRange(result.Items.Select(u => u.Username));
                (result.Total, result.Pages).Should().Be((6, 2));
            }

            pages.Should().Equal(expected, $"{sortBy} {(descending ? "desc" : "asc")}");
        }

        if (sortBy == "email")
        {
            Expected(users, sortBy, descending: false).Should().Equal(["Alice", "Bob", "carol", "dave", "Erin", "frank"], "case does not matter");
        }
        else if (sortBy == "last_login_at")
        {
            Expected(users, sortBy, descending: true).Take(2).Should().Equal("dave", "frank");
            Expected(users, sortBy, descending: false).Skip(4).Should().BeEquivalentTo("Bob", "Erin");
        }
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Stats_ShouldCountAccountsAdminsLiveSessionsAndTheWindowsAuditEntries(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var activeAdmin = NewUser("admin@example.com", "admin1", verified: true, roles: [RoleName.Admin, RoleName.User]);
        var inactiveAdmin = NewUser("former@example.com", "former", verified: true, roles: [RoleName.Admin]);
        inactiveAdmin.Deactivate(s_now.AddDays(-1));
        var inactiveUnverified = NewUser("gone@example.com", "gone");
        inactiveUnverified.DeleteAccount(s_now.AddDays(-1));
        var activeUnverified = NewUser("new@example.com", "newbie");
        await AddAsync(host, ct, activeAdmin, inactiveAdmin, inactiveUnverified, activeUnverified);
        var live = StartSession(activeAdmin.Id, s_now.AddDays(-1), idleDays: 7);
        var alsoLive = StartSession(activeUnverified.Id, s_now.AddDays(-6), idleDays: 7);
        var revoked = StartSession(activeAdmin.Id, s_now.AddHours(-2), idleDays: 7);
        revoked.Revoke(SessionRevocationReason.Logout, s_now.AddHours(-1));
        var idleExpired = StartSession(activeAdmin.Id, s_now.AddDays(-3), idleDays: 1);
        var expired = StartSession(activeUnverified.Id, s_now.AddDays(-40), idleDays: 60);
        await AddAsync(host, ct, live, alsoLive, revoked, idleExpired, expired);
        await AddAuditAsync(host, ct,
            Entry(AuditEventType.UserRegistered, s_now.AddHours(-1)),
            Entry(AuditEventType.UserRegistered, s_now.AddHours(-24)),
            Entry(AuditEventType.UserRegistered, s_now.AddHours(-24).AddSeconds(-1)),
            Entry(AuditEventType.LoginSucceeded, s_now.AddMinutes(-5)),
            Entry(AuditEventType.LoginSucceeded, s_now.AddDays(-2)),
            Entry(AuditEventType.LoginFailed, s_now.AddMinutes(-1)),
            Entry(AuditEventType.LoginFailed, s_now.AddMinutes(-2)),
            Entry(AuditEventType.LoginFailed, s_now.AddMinutes(-3)),
            Entry(AuditEventType.LoginThrottled, s_now.AddMinutes(-3)),
            Entry(AuditEventType.Logout, s_now.AddMinutes(-3)));

        var stats = await host.ReadAsync(services => services.GetRequiredService<IStatsQueries>().GetAsync(s_now, s_now.AddHours(-24), ct));

        stats.Should().Be(new StatsDto
        {
            TotalUsers = 4, ActiveUsers = 2, VerifiedUsers = 2, Admins = 1, ActiveSessions = 2,
            Registrations24h = 2, Logins24h = 1, FailedLogins24h = 3,
        });
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Stats_WhenTheDatabaseIsEmpty_ShouldBeZeros(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);

        var stats = await host.ReadAsync(services => services.GetRequiredService<IStatsQueries>().GetAsync(s_now, s_now.AddHours(-24), ct));

        stats.Should().Be(new StatsDto
        {
            TotalUsers = 0, ActiveUsers = 0, VerifiedUsers = 0, Admins = 0, ActiveSessions = 0, Registrations24h = 0, Logins24h = 0, FailedLogins24h = 0,
        });
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task AuditLogPage_ShouldFilterNewestFirstWithTiesByIdAndGiveDetailsAsAJsonObject(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        var at = s_now.AddHours(-3);
        var entries = new[]
        {
            AuditLogEntry.Record(AuditEventType.RolesChanged, at, alice, bob, "203.0.113.9", "curl/8", "0af7651916cd43dd8448eb211c80319c", """{"old_roles":["user"],"new_roles":["admin","user"]}"""),
            AuditLogEntry.Record(AuditEventType.LoginSucceeded, at, alice, alice, null, null, null),
            AuditLogEntry.Record(AuditEventType.LoginSucceeded, at, alice, alice, null, null, null),
            AuditLogEntry.Record(AuditEventType.LoginFailed, at.AddHours(-1), alice, null, null, null, null, """{"code":"INVALID_CREDENTIALS"}"""),
            AuditLogEntry.Record(AuditEventType.LoginFailed, at.AddHours(1), bob, null, null, null, null, """{"code":"ACCOUNT_INACTIVE"}"""),
        };
        await AddAuditAsync(host, ct, entries);

        var all = await PageAsync(host, new AuditLogFilter(), new PageRequest(1, 20), ct);
        all.Items.Select(e => e.Id).Should().Equal(
            entries.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id.ToString(), StringComparer.Ordinal).Select(e => e.Id));
        var roles = all.Items.Single(e => e.EventType == AuditEventType.RolesChanged);
        roles.Should().BeEquivalentTo(new { UserId = alice, ActorId = bob, IpAddress = "203.0.113.9", UserAgent = "curl/8", TraceId = "0af7651916cd43dd8448eb211c80319c", OccurredAt = at }, o => o.ExcludingMissingMembers());
        roles.OccurredAt.Kind.Should().Be(DateTimeKind.Utc);
        roles.Details.ValueKind.Should().Be(JsonValueKind.Object);
        roles.Details.GetProperty("new_roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("admin", "user");
        all.Items.Single(e => e.EventType == AuditEventType.LoginSucceeded && e.Id == entries[1].Id).Details.EnumerateObject().Should().BeEmpty();

        (await PageAsync(host, new AuditLogFilter(UserId: alice), new PageRequest(1, 20), ct)).Total.Should().Be(4);
        (await PageAsync(host, new AuditLogFilter(ActorId: alice), new PageRequest(1, 20), ct)).Total.Should().Be(2);
        (await PageAsync(host, new AuditLogFilter(EventType: AuditEventType.LoginFailed), new PageRequest(1, 20), ct)).Items
            .Select(e => e.UserId).Should().Equal(bob, alice);
        (await PageAsync(host, new AuditLogFilter(From: at, To: at.AddHours(1)), new PageRequest(1, 20), ct)).Items
            .Should().HaveCount(3, "from is inclusive, to exclusive").And.OnlyContain(e => e.OccurredAt == at);
        var second = await PageAsync(host, new AuditLogFilter(UserId: alice), new PageRequest(2, 3), ct);
        (second.Items.Count, second.Total, second.Pages).Should().Be((1, 4, 2));
        second.Items.Single().EventType.Should().Be(AuditEventType.LoginFailed);
    }

    private static IEnumerable<string> Expected(User[] users, string sortBy, bool descending)
    {
        static string IdOf(User u) => u.Id.ToString();
        IEnumerable<User> Directed(IOrderedEnumerable<User> ascending) => descending ? ascending.Reverse() : ascending;
        return (sortBy switch
        {
            "created_at" => Directed(users.OrderBy(u => u.CreatedAt).ThenBy(IdOf, StringComparer.Ordinal)),
            "email" => Directed(users.OrderBy(u => u.NormalizedEmail, StringComparer.Ordinal)),
            "username" => Directed(users.OrderBy(u => u.NormalizedUsername, StringComparer.Ordinal)),
            _ => Directed(users.Where(u => u.LastLoginAt is not null).OrderBy(u => u.LastLoginAt).ThenBy(IdOf, StringComparer.Ordinal))
                .Concat(Directed(users.Where(u => u.LastLoginAt is null).OrderBy(IdOf, StringComparer.Ordinal))),
        }).Select(u => u.Username);
    }

    private static async Task<List<string>> SearchAsync(InfrastructureHost host, string search, CancellationToken ct) =>
        [.. (await ListAsync(host, new ListUsersQuery(Search: search, SortBy: "username", SortOrder: "asc"), ct)).Items.Select(u => u.Username)];

    private static Task<PageDto<AdminUserDto>> ListAsync(InfrastructureHost host, ListUsersQuery query, CancellationToken ct) =>
        host.ReadAsync(services => new ListUsersQueryHandler(services.GetRequiredService<ISpecificationQueries>(), services.GetRequiredService<IListCounts>()).Handle(query, ct));

    private static Task<PageDto<AuditLogEntryDto>> PageAsync(InfrastructureHost host, AuditLogFilter filter, PageRequest page, CancellationToken ct) =>
        host.ReadAsync(services => services.GetRequiredService<ISpecificationQueries>().PageAsync<AuditLogEntry, AuditLogEntryDto>(new AuditLogPageSpec(filter, page), page, ct));

    private static User NewUser(string email, string username, bool verified = false, string[]? roles = null, DateTime? createdAt = null, DateTime? lastLogin = null)
    {
        var user = User.Register(Email.Create(email), Username.Create(username), null, HostScopes.StoredHash, createdAt ?? s_now.AddDays(-30), verified, roles);
        if (lastLogin is { } at)
        {
            user.RecordLogin(at);
        }

        return user;
    }

    private static Session StartSession(Guid userId, DateTime at, int idleDays) =>
        Session.Start(userId, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, '0'), at, TimeSpan.FromDays(30), TimeSpan.FromDays(idleDays), null, null);

    private static AuditLogEntry Entry(string eventType, DateTime at) => AuditLogEntry.Record(eventType, at, Guid.NewGuid(), null, null, null, null);

    private static Task AddAsync(InfrastructureHost host, CancellationToken ct, params User[] users) =>
        host.InUnitOfWorkAsync(services =>
        {
            var repository = services.GetRequiredService<IUserRepository>();
            foreach (var user in users)
            {
                user.ClearDomainEvents();
                repository.Add(user);
            }
        }, ct);

    private static Task AddAsync(InfrastructureHost host, CancellationToken ct, params Session[] sessions) =>
        host.InUnitOfWorkAsync(services =>
        {
            var repository = services.GetRequiredService<ISessionRepository>();
            foreach (var session in sessions)
            {
                session.ClearDomainEvents();
                repository.Add(session);
            }
        }, ct);

    private static Task AddAuditAsync(InfrastructureHost host, CancellationToken ct, params AuditLogEntry[] entries) =>
        host.InUnitOfWorkAsync(services =>
        {
            var repository = services.GetRequiredService<IAuditLogRepository>();
            foreach (var entry in entries)
            {
                repository.Add(entry);
            }
        }, ct);
}
