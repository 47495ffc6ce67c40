using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Sessions.Queries.ListSessions;
using CleanAuth.Domain.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

public sealed class SpecificationQueriesTests
{
    private static readonly DateTime s_now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task List_WhenGivenActiveSessionsOfUserSpec_ShouldReturnTheUsersLiveSessionsProjectedNewestFirst(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var alice = HostScopes.NewUser(s_now.AddDays(-10));
        var bob = HostScopes.NewUser(s_now.AddDays(-10));
        await host.AddUsersAsync(ct, alice, bob);
        var oldest = Start(alice.Id, s_now.AddDays(-3), "Firefox/140");
        var current = Start(alice.Id, s_now.AddDays(-1), "Safari/18");
        var newest = Start(alice.Id, s_now.AddHours(-1), null);
        var revoked = Start(alice.Id, s_now.AddMinutes(-30), "Edge/130");
        revoked.Revoke(SessionRevocationReason.Logout, s_now.AddMinutes(-10));
        var expired = Start(alice.Id, s_now.AddDays(-8), "Old/1.0");
        var bobs = Start(bob.Id, s_now.AddMinutes(-5), "Bob/1.0");
        await host.InUnitOfWorkAsync(services =>
        {
            var sessions = services.GetRequiredService<ISessionRepository>();
            foreach (var session in new[] { current, bobs, revoked, oldest, expired, newest })
            {
                sessions.Add(session);
            }
        }, ct);

        var result = await host.ReadAsync(services => services.GetRequiredService<ISpecificationQueries>()
            .ListAsync(new ActiveSessionsOfUserSpec(alice.Id, current.Id, s_now), ct));

        result.Should().Equal(
            Dto(newest, current: false),
            Dto(current, current: true),
            Dto(oldest, current: false));
        result.Should().OnlyContain(s => s.CreatedAt.Kind == DateTimeKind.Utc);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task List_WhenTheCallerHasNoCurrentSession_ShouldFlagNone(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var alice = HostScopes.NewUser(s_now.AddDays(-10));
        await host.AddUsersAsync(ct, alice);
        var session = Start(alice.Id, s_now.AddHours(-2), "Firefox/140");
        await host.InUnitOfWorkAsync(services => services.GetRequiredService<ISessionRepository>().Add(session), ct);

        var result = await host.ReadAsync(services => services.GetRequiredService<ISpecificationQueries>()
            .ListAsync(new ActiveSessionsOfUserSpec(alice.Id, null, s_now), ct));

        result.Should().Equal(Dto(session, current: false));
    }

    private static Session Start(Guid userId, DateTime createdAt, string? userAgent) =>
        Session.Start(userId, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, '0'), createdAt, TimeSpan.FromDays(7), TimeSpan.FromDays(7), "203.0.113.7", userAgent);

    private static SessionDto Dto(Session session, bool current) =>
        new(session.Id, session.CreatedAt, session.LastUsedAt, session.ExpiresAt, session.IpAddress, session.UserAgent, current);
}
