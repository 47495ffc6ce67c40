using CleanAuth.Application.Admin.Queries.ListUsers;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.UnitTests.Admin;

/// <summary>
/// The handler's paging over the specification, in memory. The last-login order is two lists joined (accounts that
/// logged in, then the others by id), so its page boundaries are checked here; the SQL of every order is proven on both
/// providers by the integration tests.
/// </summary>
public sealed class ListUsersQueryHandlerTests
{
    private readonly User _first = NewUser("first", loginMinutes: 10);
    private readonly User _second = NewUser("second", loginMinutes: 20);
    private readonly User _third = NewUser("third", loginMinutes: 30);
    private readonly User _neverA = NewUser("nevera", loginMinutes: null);
    private readonly User _neverB = NewUser("neverb", loginMinutes: null);

    [Theory]
    [InlineData("desc")]
    [InlineData("asc")]
    public async Task Handle_WhenSortedByLastLogin_ShouldPageThroughTheLoggedInThenTheNeverLoggedInByIdInBothOrders(string order)
    {
        var queries = new InMemorySpecificationQueries(_neverA, _third, _first, _neverB, _second);
        var handler = new ListUsersQueryHandler(queries, queries);
        var loggedIn = order == "desc" ? new[] { _third, _second, _first } : [_first, _second, _third];
        var never = new[] { _neverA, _neverB }.OrderBy(u => u.Id.ToString(), StringComparer.Ordinal).ToArray();
        if (order == "desc")
        {
            Array.Reverse(never);
        }

        var pages = new List<Guid[]>();
        for (var page = 1; page <= 4; page++)
        {
            var result = await handler.Handle(new ListUsersQuery(Page: page.ToString(System.Globalization.CultureInfo.InvariantCulture), PageSize: "2", SortBy: "last_login_at", SortOrder: order), TestContext.Current.CancellationToken);
            result.Total.Should().Be(5);
            result.Pages.Should().Be(3);
            pages.Add([.. result.Items.Select(u => u.Id)]);
        }

        pages.SelectMany(p => p).Should().Equal(loggedIn.Concat(never).Select(u => u.Id), "never-logged-in accounts come last in both orders, by id");
        pages.Select(p => p.Length).Should().Equal(2, 2, 1, 0);
    }

    [Fact]
    public async Task Handle_WhenAPageStartsAmongTheNeverLoggedIn_ShouldCountTheLoggedInToFindItsStart()
    {
        var queries = new InMemorySpecificationQueries(_neverA, _third, _first, _neverB, _second);

        var result = await new ListUsersQueryHandler(queries, queries).Handle(
            new ListUsersQuery(Page: "5", PageSize: "1", SortBy: "last_login_at", SortOrder: "asc"), TestContext.Current.CancellationToken);

        result.Items.Select(u => u.Id).Should().Equal(new[] { _neverA, _neverB }.OrderBy(u => u.Id.ToString(), StringComparer.Ordinal).Last().Id);
        queries.Calls.Should().Equal(
            ["kept counts", "list AdminUserListSpec", "count AdminUserListSpec", "list AdminUserListSpec"],
            "the total, the (empty) logged-in window, the logged-in count, the never-logged-in window");
    }

    [Fact]
    public async Task Handle_WhenTheFirstPageIsFullOfLoggedInAccounts_ShouldMakeTwoQueries()
    {
        var queries = new InMemorySpecificationQueries(_neverA, _third, _first, _neverB, _second);

        var result = await new ListUsersQueryHandler(queries, queries).Handle(
            new ListUsersQuery(PageSize: "3", SortBy: "last_login_at"), TestContext.Current.CancellationToken);

        result.Items.Select(u => u.Id).Should().Equal(_third.Id, _second.Id, _first.Id);
        queries.Calls.Should().Equal(["kept counts", "list AdminUserListSpec"], "the total and the page");
    }

    [Theory]
    [InlineData("created_at")]
    [InlineData("last_login_at")]
    public async Task Handle_WhenThePageIsPastTheEnd_ShouldAnswerWithTheTotalAndNoItemsAfterOnlyCounting(string sortBy)
    {
        var queries = new InMemorySpecificationQueries(_first, _second);

        var result = await new ListUsersQueryHandler(queries, queries).Handle(
            new ListUsersQuery(Page: "2147483647", PageSize: "100", SortBy: sortBy), TestContext.Current.CancellationToken);

        result.Items.Should().BeEmpty();
        result.Total.Should().Be(2);
        result.Page.Should().Be(int.MaxValue);
        result.Pages.Should().Be(1);
        queries.Calls.Should().Equal("kept counts");
    }

    [Fact]
    public async Task Handle_WhenNoParameterIsGiven_ShouldListTheNewestTwentyFirst()
    {
        var users = Enumerable.Range(0, 25).Select(i => NewUser($"user{i:00}", loginMinutes: null, createdMinutes: i)).ToArray();
        var queries = new InMemorySpecificationQueries([.. users]);

        var result = await new ListUsersQueryHandler(queries, queries).Handle(new ListUsersQuery(), TestContext.Current.CancellationToken);

        result.Items.Select(u => u.Username).Should().Equal(Enumerable.Reverse(users).Take(20).Select(u => u.Username));
        (result.Total, result.Page, result.PageSize, result.Pages).Should().Be((25, 1, 20, 2));
    }

    private static User NewUser(string name, int? loginMinutes, int createdMinutes = 0)
    {
        var user = TestData.NewUser($"{name}@example.com", name, TestData.Now.AddMinutes(createdMinutes));
        if (loginMinutes is { } minutes)
        {
            user.RecordLogin(TestData.Now.AddDays(1).AddMinutes(minutes));
        }

        return user;
    }
}
