using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Security.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

public sealed class PersistenceTests
{
    private static readonly string s_hash = "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task User_WhenSavedAndLoaded_ShouldRoundTripEveryFieldWithUtcTimes(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var now = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
        var user = User.Register(Email.Create("Round.Trip@Example.COM"), Username.Create("Round_Trip"), "Ada", s_hash, now);

        await InScopeAsync(host, (users, _, uow) => uow.ExecuteAsync(() => { users.Add(user); return Task.FromResult(0); }, ct));

        await InScopeAsync(host, async (users, _, _) =>
        {
            var loaded = (await users.FindByNormalizedEmailAsync("round.trip@example.com", ct))!;
            loaded.Id.Should().Be(user.Id);
            loaded.Email.Should().Be("Round.Trip@example.com");
            loaded.Username.Should().Be("Round_Trip");
            loaded.FullName.Should().Be("Ada");
            loaded.PasswordHash.Should().Be(s_hash);
            loaded.RoleNames.Should().Equal("user");
            loaded.CreatedAt.Should().Be(now);
            loaded.CreatedAt.Kind.Should().Be(DateTimeKind.Utc);
            (await users.FindByNormalizedUsernameAsync("round_trip", ct)).Should().NotBeNull();
            return 0;
        });
    }

    [Theory]
    [InlineData(TestProvider.Sqlite, "email")]
    [InlineData(TestProvider.Sqlite, "username")]
    [InlineData(TestProvider.Postgres, "email")]
    [InlineData(TestProvider.Postgres, "username")]
    public async Task UnitOfWork_WhenAUniqueIndexIsViolatedAtCommit_ShouldRaiseTheMatchingConflict(TestProvider provider, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var now = DateTime.UtcNow;
        var first = User.Register(Email.Create("taken@example.com"), Username.Create("taken"), null, s_hash, now);
        var second = field == "email"
            ? User.Register(Email.Create("TAKEN@example.com"), Username.Create("other"), null, s_hash, now)
            : User.Register(Email.Create("other@example.com"), Username.Create("TAKEN"), null, s_hash, now);
        await InScopeAsync(host, (users, _, uow) => uow.ExecuteAsync(() => { users.Add(first); return Task.FromResult(0); }, ct));

        var act = () => InScopeAsync(host, (users, _, uow) => uow.ExecuteAsync(() => { users.Add(second); return Task.FromResult(0); }, ct));

        (await act.Should().ThrowAsync<ConflictException>()).Which.Error
            .Should().Be(field == "email" ? UserErrors.EmailTaken : UserErrors.UsernameTaken);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task TrySaveRotation_WhenManyCommandsRace_ShouldLetExactlyOneWriteItsRotation(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var (sessionId, tokenId) = await SeedSessionAsync(host, ct);
        var start = DateTime.UtcNow;
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerSecond)); // whole seconds: PostgreSQL keeps microseconds

        // Each racer reads the token, and once all have read, rotates it in memory at its own time and writes.
        const int Racers = 8;
        var reading = Racers;
        var allRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(() => InScopeAsync(host, (_, sessions, uow) => uow.ExecuteAsync(async () =>
        {
            var token = (await sessions.FindRefreshTokenToRotateAsync(new string('a', 64), ct))!;
            if (Interlocked.Decrement(ref reading) == 0)
            {
                allRead.SetResult();
            }

            await allRead.Task.WaitAsync(ct);
            var at = start.AddSeconds(i + 1);
            var successor = token.Session.Rotate(token, new string((char)('b' + i), 64), at, TimeSpan.FromDays(1));
            return await sessions.TrySaveRotationAsync(token, successor, ct) ? at : (DateTime?)null;
        }, ct)), ct));
        var won = (await Task.WhenAll(racers)).Where(at => at is not null).Should().ContainSingle().Subject!.Value;

        await InScopeAsync(host, async (_, sessions, _) =>
        {
            var rotated = (await sessions.FindRefreshTokenToRotateAsync(new string('a', 64), ct))!;
            rotated.RotatedAt.Should().Be(won);
            var successor = (await sessions.FindSuccessorAsync(tokenId, ct))!;
            successor.TokenHash.Should().Be(new string((char)('b' + (int)(won - start).TotalSeconds - 1), 64), "the winner's successor, and only it");
            successor.SessionId.Should().Be(sessionId);
            successor.CreatedAt.Should().Be(won);
            successor.IsRotated.Should().BeFalse();
            var session = (await sessions.GetByIdAsync(sessionId, ct))!;
            session.LastUsedAt.Should().Be(won);
            session.IdleExpiresAt.Should().Be(won.AddDays(1));
            foreach (var i in Enumerable.Range(0, Racers).Where(i => start.AddSeconds(i + 1) != won))
            {
                (await sessions.FindRefreshTokenToRotateAsync(new string((char)('b' + i), 64), ct)).Should().BeNull("the losers wrote nothing");
            }

            return 0;
        });
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task RefreshToken_WhenLookedUpByHash_ShouldComeWithItsSessionAndSuccessor(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var (sessionId, tokenId) = await SeedSessionAsync(host, ct);
        var successorHash = new string('b', 64);

        await InScopeAsync(host, (_, sessions, uow) => uow.ExecuteAsync(async () =>
        {
            var token = (await sessions.FindRefreshTokenToRotateAsync(new string('a', 64), ct))!;
            token.Session.Id.Should().Be(sessionId);
            var successor = token.Session.Rotate(token, successorHash, DateTime.UtcNow, TimeSpan.FromDays(365));
            (await sessions.TrySaveRotationAsync(token, successor, ct)).Should().BeTrue();
            (await sessions.TrySaveRotationAsync(token, successor, ct)).Should().BeFalse("a token rotates once");
            return 0;
        }, ct));

        await InScopeAsync(host, async (_, sessions, _) =>
        {
            var successor = (await sessions.FindSuccessorAsync(tokenId, ct))!;
            successor.TokenHash.Should().Be(successorHash);
            successor.IsRotated.Should().BeFalse();
            var token = (await sessions.FindRefreshTokenAsync(new string('a', 64), ct))!;
            token.IsRotated.Should().BeTrue();
            token.Session.Id.Should().Be(sessionId);
            return 0;
        });
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task RevokedSessions_WhenRevokedAndCommitted_ShouldBeKnownToThisInstanceAndToANewOneAtStartUp(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var (sessionId, _) = await SeedSessionAsync(host, ct);
        var registry = host.Services.GetRequiredService<RevokedSessionRegistry>();
        registry.IsRevoked(sessionId).Should().BeFalse();

        await InScopeAsync(host, (_, sessions, uow) => uow.ExecuteAsync(async () =>
        {
            (await sessions.GetByIdAsync(sessionId, ct))!.Revoke(SessionRevocationReason.Logout, DateTime.UtcNow);
            return 0;
        }, ct));

        registry.IsRevoked(sessionId).Should().BeTrue("the commit itself publishes the revocation");

        var freshRegistry = new RevokedSessionRegistry(host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JwtOptions>>(), TimeProvider.System);
        var sync = ActivatorUtilities.CreateInstance<RevokedSessionSync>(host.Services, freshRegistry);
        await sync.SyncOnceAsync(ct);
        freshRegistry.IsRevoked(sessionId).Should().BeTrue("a restarted or second instance learns it from the database");
    }

    private static async Task<(Guid SessionId, Guid TokenId)> SeedSessionAsync(InfrastructureHost host, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var user = User.Register(Email.Create($"s{Guid.NewGuid():N}@example.com"), Username.Create($"s{Guid.NewGuid():N}"[..20]), null, s_hash, now);
        var session = Session.Start(user.Id, new string('a', 64), now, TimeSpan.FromDays(7), TimeSpan.FromDays(7), "127.0.0.1", "tests");
        await InScopeAsync(host, (users, sessions, uow) => uow.ExecuteAsync(() =>
        {
            users.Add(user);
            sessions.Add(session);
            return Task.FromResult(0);
        }, ct));
        return (session.Id, session.RefreshTokens.Single().Id);
    }

    private static async Task<T> InScopeAsync<T>(InfrastructureHost host, Func<IUserRepository, ISessionRepository, IUnitOfWork, Task<T>> work)
    {
        await using var scope = host.CreateScope();
        var services = scope.ServiceProvider;
        return await work(services.GetRequiredService<IUserRepository>(), services.GetRequiredService<ISessionRepository>(), services.GetRequiredService<IUnitOfWork>());
    }
}
