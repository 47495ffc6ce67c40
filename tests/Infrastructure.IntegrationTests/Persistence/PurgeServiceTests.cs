using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Sessions;
using CleanAuth.Infrastructure.IntegrationTests.Mail;
using CleanAuth.Infrastructure.Mail;
using CleanAuth.Infrastructure.Maintenance;
using CleanAuth.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>Rows of every age, built on a clock the test moves; the purge keeps seven days (the default).</summary>
public sealed class PurgeServiceTests
{
    private static readonly DateTime s_now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private readonly ManualTimeProvider _clock = new(s_now);
    private readonly RecordingMailTransport _transport = new();

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Purge_WhenRowsOfEveryAgeExist_ShouldDeleteOnlyThosePastRetention(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(
            provider, clock: _clock, settings: new Dictionary<string, string?> { ["Email:MaxAttempts"] = "1" }, configureServices: UseRecordingTransport);
        var user = HostScopes.NewUser(s_now.AddDays(-60));
        await host.AddUsersAsync(ct, user);
        await SeedTokensAsync(host, user.Id, ct);
        var sessions = await SeedSessionsAsync(host, user.Id, ct);
        await SeedMailAsync(host, ct);
        await SeedThrottlesAsync(host, ct);
        _clock.UtcNow = s_now;

        var purged = await ActivatorUtilities.CreateInstance<PurgeService>(host.Services).PurgeAsync(ct);

        purged.Should().Be(2 + 3 + 2 + 2, "two account tokens, three sessions (one ended by its idle timeout), two mails, two throttles");
        (await host.QueryAsync(db => db.AccountTokens.Select(t => t.TokenHash).ToListAsync(ct)))
            .Should().BeEquivalentTo([Hash("expired-recently"), Hash("used-recently"), Hash("live")]);
        (await host.QueryAsync(db => db.Sessions.Select(s => s.Id).ToListAsync(ct)))
            .Should().BeEquivalentTo([sessions["revoked-recently"], sessions["expired-recently"], sessions["idle-recently"], sessions["live"]]);
        (await host.QueryAsync(db => db.RefreshTokens.Select(t => t.SessionId).ToListAsync(ct)))
            .Should().BeEquivalentTo([sessions["revoked-recently"], sessions["expired-recently"], sessions["idle-recently"], sessions["live"]], "a session's refresh tokens go with it");
        (await host.QueryAsync(db => db.OutboxMessages.Select(m => m.Recipient).ToListAsync(ct)))
            .Should().BeEquivalentTo(["dead-recently@example.com", "sent-recently@example.com", "pending@example.com"]);
        (await host.QueryAsync(db => db.LoginThrottles.Select(t => t.Key).ToListAsync(ct)))
            .Should().BeEquivalentTo([LoginThrottle.ForIdentifier("recent"), LoginThrottle.ForIdentifier("stale-but-locked")]);
        (await host.QueryAsync(db => db.Users.CountAsync(ct))).Should().Be(1, "accounts are never purged");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Purge_WhenNothingIsPastRetention_ShouldDeleteNothing(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider, clock: _clock);
        var user = HostScopes.NewUser(s_now.AddDays(-1));
        await host.AddUsersAsync(ct, user);
        await host.InUnitOfWorkAsync(services =>
        {
            services.GetRequiredService<IAccountTokenRepository>().Add(AccountToken.ForPasswordReset(user.Id, Hash("fresh"), s_now.AddDays(-1), TimeSpan.FromMinutes(30)));
            services.GetRequiredService<ISessionRepository>().Add(Session.Start(user.Id, Hash("rt"), s_now.AddDays(-2), TimeSpan.FromDays(1), TimeSpan.FromDays(1), null, null));
        }, ct);

        var purged = await ActivatorUtilities.CreateInstance<PurgeService>(host.Services).PurgeAsync(ct);

        purged.Should().Be(0);
        (await host.QueryAsync(db => db.AccountTokens.CountAsync(ct))).Should().Be(1);
        (await host.QueryAsync(db => db.Sessions.CountAsync(ct))).Should().Be(1);
    }

    private static async Task SeedTokensAsync(InfrastructureHost host, Guid userId, CancellationToken ct)
    {
        var usedLongAgo = AccountToken.ForInvitation(null, [], Hash("used-long-ago"), s_now.AddDays(-9), TimeSpan.FromDays(30));
        usedLongAgo.Consume(s_now.AddDays(-8));
        var usedRecently = AccountToken.ForInvitation(null, [], Hash("used-recently"), s_now.AddDays(-9), TimeSpan.FromDays(30));
        usedRecently.Consume(s_now.AddDays(-1));
        await host.InUnitOfWorkAsync(services =>
        {
            var tokens = services.GetRequiredService<IAccountTokenRepository>();
            tokens.Add(AccountToken.ForPasswordReset(userId, Hash("expired-long-ago"), s_now.AddDays(-10), TimeSpan.FromHours(1)));
            tokens.Add(AccountToken.ForPasswordReset(userId, Hash("expired-recently"), s_now.AddDays(-6), TimeSpan.FromHours(1)));
            tokens.Add(usedLongAgo);
            tokens.Add(usedRecently);
            tokens.Add(AccountToken.ForEmailVerification(userId, "someone@example.com", Hash("live"), s_now.AddHours(-1), TimeSpan.FromDays(2)));
        }, ct);
    }

    private static async Task<Dictionary<string, Guid>> SeedSessionsAsync(InfrastructureHost host, Guid userId, CancellationToken ct)
    {
        var sessions = new Dictionary<string, Session>
        {
            ["expired-long-ago"] = Session.Start(userId, Hash("s1"), s_now.AddDays(-20), TimeSpan.FromDays(7), TimeSpan.FromDays(7), null, null),
            ["revoked-long-ago"] = Session.Start(userId, Hash("s2"), s_now.AddDays(-9), TimeSpan.FromDays(30), TimeSpan.FromDays(30), null, null),
            ["revoked-recently"] = Session.Start(userId, Hash("s3"), s_now.AddDays(-9), TimeSpan.FromDays(30), TimeSpan.FromDays(30), null, null),
            ["expired-recently"] = Session.Start(userId, Hash("s4"), s_now.AddDays(-10), TimeSpan.FromDays(7), TimeSpan.FromDays(7), null, null),
            ["live"] = Session.Start(userId, Hash("s5"), s_now.AddHours(-1), TimeSpan.FromDays(7), TimeSpan.FromDays(7), null, null),

            // Ended by their idle timeout long before their absolute end.
            ["idle-long-ago"] = Session.Start(userId, Hash("s6"), s_now.AddDays(-20), TimeSpan.FromDays(30), TimeSpan.FromDays(2), null, null),
            ["idle-recently"] = Session.Start(userId, Hash("s7"), s_now.AddDays(-3), TimeSpan.FromDays(30), TimeSpan.FromDays(1), null, null),
        };
        sessions["revoked-long-ago"].Revoke(SessionRevocationReason.Logout, s_now.AddDays(-8));
        sessions["revoked-recently"].Revoke(SessionRevocationReason.Logout, s_now.AddDays(-1));
        await host.InUnitOfWorkAsync(services =>
        {
            foreach (var session in sessions.Values)
            {
                services.GetRequiredService<ISessionRepository>().Add(session);
            }
        }, ct);
        return sessions.ToDictionary(p => p.Key, p => p.Value.Id);
    }

    private async Task SeedMailAsync(InfrastructureHost host, CancellationToken ct)
    {
        // Dead 20 days ago (Email:MaxAttempts is 1): past retention, purged like sent mail.
        _clock.UtcNow = s_now.AddDays(-20);
        await QueueAsync(host, "dead@example.com", ct);
        _transport.Failure = new IOException("Connection refused.");
        await DeliverAsync(host, ct);
        _transport.Failure = null;

        _clock.UtcNow = s_now.AddDays(-10);
        await QueueAsync(host, "sent-long-ago@example.com", ct);
        await DeliverAsync(host, ct);

        _clock.UtcNow = s_now.AddDays(-2);
        await QueueAsync(host, "sent-recently@example.com", ct);
        await DeliverAsync(host, ct);

        // Dead a day ago: kept (and counted by the health check) until the retention period has passed.
        _clock.UtcNow = s_now.AddDays(-1);
        await QueueAsync(host, "dead-recently@example.com", ct);
        _transport.Failure = new IOException("Connection refused.");
        await DeliverAsync(host, ct);
        _transport.Failure = null;

        // Old but never delivered: kept until it is.
        _clock.UtcNow = s_now.AddDays(-30);
        await QueueAsync(host, "pending@example.com", ct);

        (await host.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.DeadAt != null, ct))).Should().Be(2);
        (await host.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt != null, ct))).Should().Be(2);
    }

    private static async Task SeedThrottlesAsync(InfrastructureHost host, CancellationToken ct)
    {
        await RecordFailureAsync(host, "stale", s_now.AddDays(-8), new LockoutPolicy(100, TimeSpan.FromMinutes(15), TimeSpan.FromDays(1)), ct);
        await RecordFailureAsync(host, "recent", s_now.AddDays(-1), new LockoutPolicy(100, TimeSpan.FromMinutes(15), TimeSpan.FromDays(1)), ct);
        await RecordFailureAsync(host, "stale-lock-over", s_now.AddDays(-8), new LockoutPolicy(1, TimeSpan.FromMinutes(15), TimeSpan.FromDays(1)), ct);
        await RecordFailureAsync(host, "stale-but-locked", s_now.AddDays(-8), new LockoutPolicy(1, TimeSpan.FromDays(10), TimeSpan.FromDays(10)), ct);
    }

    private static Task<DateTime?> RecordFailureAsync(InfrastructureHost host, string identifier, DateTime at, LockoutPolicy policy, CancellationToken ct) =>
        host.ReadAsync(services => services.GetRequiredService<ILoginThrottleRepository>().ReserveAsync(
            LoginThrottle.ForIdentifier(identifier), at, throttle => throttle.RecordFailure(at, policy), ct));

    private static Task QueueAsync(InfrastructureHost host, string to, CancellationToken ct) =>
        host.InUnitOfWorkAsync(services => services.GetRequiredService<IAccountMailer>().PasswordChanged(to), ct);

    private void UseRecordingTransport(IServiceCollection services) => services.AddSingleton<IMailTransport>(_transport);

    private static Task<int> DeliverAsync(InfrastructureHost host, CancellationToken ct) =>
        ActivatorUtilities.CreateInstance<OutboxDispatcher>(host.Services).DeliverDueAsync(ct);

    private static string Hash(string token) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
