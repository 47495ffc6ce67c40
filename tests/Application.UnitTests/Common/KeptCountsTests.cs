using CleanAuth.Application.Admin.Queries.ListUsers;
using CleanAuth.Application.Auditing.Common;
using CleanAuth.Application.Common.Paging;

namespace CleanAuth.Application.UnitTests.Common;

/// <summary>
/// Which list totals the kept counts answer (ADR-016) and which only counting the matches can: a wrong "yes" here would
/// be a wrong total in the admin lists.
/// </summary>
public sealed class KeptCountsTests
{
    private static readonly ListCounts s_counts = new(
        Users: 1000,
        ActiveUsers: 900,
        VerifiedUsers: 600,
        RoleHolders: new Dictionary<string, long> { ["user"] = 990, ["admin"] = 3 },
        AuditEntries: new Dictionary<string, long> { ["login.succeeded"] = 5000, ["user.registered"] = 1000 });

    public static TheoryData<UserListFilter, long> CountedUserFilters => new()
    {
        { new UserListFilter(), 1000 },
        { new UserListFilter(Search: "   "), 1000 },
        { new UserListFilter(Role: "user"), 990 },
        { new UserListFilter(Role: "admin"), 3 },
        { new UserListFilter(Role: "guest"), 0 },
        { new UserListFilter(IsActive: true), 900 },
        { new UserListFilter(IsActive: false), 100 },
        { new UserListFilter(EmailVerified: true), 600 },
        { new UserListFilter(EmailVerified: false), 400 },
    };

    public static TheoryData<UserListFilter> UncountedUserFilters => new()
    {
        new UserListFilter(Search: "example"),
        new UserListFilter(Role: "admin", IsActive: true),
        new UserListFilter(IsActive: true, EmailVerified: false),
        new UserListFilter(Role: "user", EmailVerified: true),
        new UserListFilter(HasLoggedIn: true),
        new UserListFilter(HasLoggedIn: false),
    };

    public static TheoryData<AuditLogFilter> UncountedAuditFilters => new()
    {
        new AuditLogFilter(UserId: Guid.NewGuid()),
        new AuditLogFilter(ActorId: Guid.NewGuid()),
        new AuditLogFilter(EventType: "login.succeeded", From: new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc)),
        new AuditLogFilter(To: new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc)),
    };

    [Theory]
    [MemberData(nameof(CountedUserFilters))]
    public void UserListFilter_WhenItFiltersOnOneKeptPropertyAtMost_ShouldTakeTheTotalFromTheCounts(UserListFilter filter, long expected) =>
        filter.CountFrom(s_counts).Should().Be(expected);

    [Theory]
    [MemberData(nameof(UncountedUserFilters))]
    public void UserListFilter_WhenItSearchesOrCombinesFilters_ShouldLeaveTheTotalToCounting(UserListFilter filter) =>
        filter.CountFrom(s_counts).Should().BeNull();

    [Fact]
    public void AuditLogFilter_WhenItFiltersOnTheEventTypeAtMost_ShouldTakeTheTotalFromTheCounts()
    {
        new AuditLogFilter().CountFrom(s_counts).Should().Be(6000);
        new AuditLogFilter(EventType: "login.succeeded").CountFrom(s_counts).Should().Be(5000);
        new AuditLogFilter(EventType: "login.failed").CountFrom(s_counts).Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(UncountedAuditFilters))]
    public void AuditLogFilter_WhenItFiltersOnAnythingElse_ShouldLeaveTheTotalToCounting(AuditLogFilter filter) =>
        filter.CountFrom(s_counts).Should().BeNull();
}
