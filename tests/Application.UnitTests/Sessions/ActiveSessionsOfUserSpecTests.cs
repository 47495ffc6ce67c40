using CleanAuth.Application.Sessions.Queries.ListSessions;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.Sessions;

namespace CleanAuth.Application.UnitTests.Sessions;

/// <summary>The specification evaluated in memory by Ardalis' own evaluator, over sessions built through the domain.</summary>
public sealed class ActiveSessionsOfUserSpecTests
{
    private static readonly DateTime s_now = TestData.Now.AddDays(3);
    private readonly Guid _alice = Guid.CreateVersion7();
    private readonly Guid _bob = Guid.CreateVersion7();

    [Fact]
    public void Evaluate_WhenGivenSessionsOfSeveralUsersAndStates_ShouldKeepOnlyTheUsersLiveOnesNewestFirst()
    {
        var oldest = Start(_alice, s_now.AddDays(-2));
        var middle = Start(_alice, s_now.AddDays(-1));
        var newest = Start(_alice, s_now.AddHours(-1));
        var revoked = Start(_alice, s_now.AddMinutes(-30));
        revoked.Revoke(SessionRevocationReason.Logout, s_now.AddMinutes(-10));
        var expired = Start(_alice, s_now.AddDays(-2), TimeSpan.FromDays(1));
        var expiringNow = Start(_alice, s_now.AddDays(-1), TimeSpan.FromDays(1));
        var bobs = Start(_bob, s_now.AddMinutes(-5));
        var all = new List<Session> { middle, bobs, revoked, oldest, expired, newest, expiringNow };

        var result = new ActiveSessionsOfUserSpec(_alice, middle.Id, s_now).Evaluate(all).ToList();

        result.Select(s => s.Id).Should().Equal(newest.Id, middle.Id, oldest.Id);
    }

    [Fact]
    public void Evaluate_WhenTheCurrentSessionIsAmongThem_ShouldFlagItAlone()
    {
        var first = Start(_alice, s_now.AddDays(-1));
        var second = Start(_alice, s_now.AddHours(-1));

        var result = new ActiveSessionsOfUserSpec(_alice, first.Id, s_now).Evaluate([first, second]).ToList();

        result.Single(s => s.Current).Id.Should().Be(first.Id);
        result.Single(s => !s.Current).Id.Should().Be(second.Id);
    }

    [Fact]
    public void Evaluate_WhenThereIsNoCurrentSession_ShouldFlagNone()
    {
        var result = new ActiveSessionsOfUserSpec(_alice, null, s_now).Evaluate([Start(_alice, s_now.AddHours(-1))]).ToList();

        result.Should().ContainSingle().Which.Current.Should().BeFalse();
    }

    [Fact]
    public void Evaluate_WhenProjecting_ShouldCopyTheDisplayFields()
    {
        var session = Session.Start(_alice, TestData.Sha256("rt"), s_now.AddHours(-2), TimeSpan.FromDays(7), TimeSpan.FromDays(7), "198.51.100.9", "Firefox/140");
        session.Touch(s_now.AddMinutes(-5));

        var dto = new ActiveSessionsOfUserSpec(_alice, session.Id, s_now).Evaluate([session]).Single();

        dto.Should().Be(new SessionDto(session.Id, s_now.AddHours(-2), s_now.AddMinutes(-5), s_now.AddHours(-2).AddDays(7), "198.51.100.9", "Firefox/140", true));
    }

    [Fact]
    public void Evaluate_WhenTheUserHasMoreThanTheLimit_ShouldReturnOnlyTheNewest()
    {
        var sessions = Enumerable.Range(1, ActiveSessionsOfUserSpec.MaxSessions + 5)
            .Select(i => Start(_alice, s_now.AddMinutes(-i)))
            .ToList();

        var result = new ActiveSessionsOfUserSpec(_alice, null, s_now).Evaluate(sessions).ToList();

        result.Should().HaveCount(ActiveSessionsOfUserSpec.MaxSessions);
        result[0].CreatedAt.Should().Be(s_now.AddMinutes(-1));
        result[^1].CreatedAt.Should().Be(s_now.AddMinutes(-ActiveSessionsOfUserSpec.MaxSessions));
    }

    private static Session Start(Guid userId, DateTime createdAt, TimeSpan? lifetime = null) =>
        Session.Start(userId, TestData.Sha256(Guid.NewGuid().ToString()), createdAt, lifetime ?? TimeSpan.FromDays(30), lifetime ?? TimeSpan.FromDays(30), "203.0.113.7", "UnitTest/1.0");
}
