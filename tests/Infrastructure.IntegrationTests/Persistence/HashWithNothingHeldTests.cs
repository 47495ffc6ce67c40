using System.Data;
using CleanAuth.Application.Auth.Commands.Login;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Users.Commands.RegisterUser;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// Issue 10: while a password hash runs, the request holds no transaction and no connection (ADR-004), and the lockout
/// row and the user row are free (ADR-012): a login's reservation has committed before its check, and its unit of work has
/// not written yet. Proven through the real pipeline on both providers with a hasher that, while "hashing", looks at the
/// request's DbContext and asks another connection to lock the rows (on SQLite: to take the database's write lock).
/// </summary>
public sealed class HashWithNothingHeldTests
{
    private const string Right = "the right passphrase";
    private static readonly DateTime s_now = DateTime.UtcNow;

    [Theory]
    [InlineData(TestProvider.Sqlite, true)]
    [InlineData(TestProvider.Sqlite, false)]
    [InlineData(TestProvider.Postgres, true)]
    [InlineData(TestProvider.Postgres, false)]
    public async Task Login_WhileThePasswordIsChecked_ShouldHoldNoTransactionNoConnectionAndNoRowLock(TestProvider provider, bool rightPassword)
    {
        var ct = TestContext.Current.CancellationToken;
        var hasher = new ProbingHasher();
        await using var host = await InfrastructureHost.StartAsync(provider, configureServices: s => s.AddSingleton<IPasswordHasher>(hasher));
        var user = HostScopes.NewUser(s_now);
        await host.AddUsersAsync(ct, user);
        var key = LoginThrottle.ForUser(user.Id);
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();
        hasher.WhileHashing = async () => new Observation(
            db.Database.CurrentTransaction is null,
            db.Database.GetDbConnection().State == ConnectionState.Closed,
            await host.QueryAsync(other => other.LoginThrottles.AsNoTracking().Where(t => t.Key == key).Select(t => t.FailedCount).SingleOrDefaultAsync(ct)),
            await WriteProbe.CanWriteAsync(host, provider, ct, userId: user.Id, throttleKey: key));

        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new LoginCommand(user.Email, null, rightPassword ? Right : "a wrong guess", "127.0.0.1", "tests"), ct);

        result.IsSuccess.Should().Be(rightPassword);
        hasher.Observations.Should().Equal(new Observation(NoTransaction: true, NoConnection: true, CountedBeforeTheCheck: 1, RowsFree: true));
        var counted = await host.QueryAsync(other => other.LoginThrottles.AsNoTracking().Where(t => t.Key == key).Select(t => (int?)t.FailedCount).SingleOrDefaultAsync(ct));
        counted.Should().Be(rightPassword ? null : 1, "a success clears the row; a failure stays counted");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Login_OfAnUnknownAccount_ShouldRunTheDummyCheckWithNothingHeld(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var hasher = new ProbingHasher();
        await using var host = await InfrastructureHost.StartAsync(provider, configureServices: s => s.AddSingleton<IPasswordHasher>(hasher));
        var key = LoginThrottle.ForIdentifier("nobody@example.com");
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();
        hasher.WhileHashing = async () => new Observation(
            db.Database.CurrentTransaction is null,
            db.Database.GetDbConnection().State == ConnectionState.Closed,
            await host.QueryAsync(other => other.LoginThrottles.AsNoTracking().Where(t => t.Key == key).Select(t => t.FailedCount).SingleOrDefaultAsync(ct)),
            await WriteProbe.CanWriteAsync(host, provider, ct, throttleKey: key));

        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new LoginCommand("nobody@example.com", null, Right, null, null), ct);

        result.IsSuccess.Should().BeFalse();
        hasher.Observations.Should().Equal(new Observation(NoTransaction: true, NoConnection: true, CountedBeforeTheCheck: 1, RowsFree: true));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Register_WhileTheNewPasswordIsHashed_ShouldHoldNoTransactionAndNoConnection(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var hasher = new ProbingHasher();
        await using var host = await InfrastructureHost.StartAsync(provider, configureServices: s => s.AddSingleton<IPasswordHasher>(hasher));
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();
        hasher.WhileHashing = async () => new Observation(
            db.Database.CurrentTransaction is null, db.Database.GetDbConnection().State == ConnectionState.Closed, 0, await WriteProbe.CanWriteAsync(host, provider, ct));

        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new RegisterUserCommand("newcomer@example.com", "newcomer", "a long enough passphrase for the policy", null), ct);

        result.IsSuccess.Should().BeTrue();
        hasher.Observations.Should().Equal(new Observation(NoTransaction: true, NoConnection: true, CountedBeforeTheCheck: 0, RowsFree: true));
        (await host.QueryAsync(other => other.Users.AnyAsync(u => u.NormalizedEmail == "newcomer@example.com", ct))).Should().BeTrue();
    }

    private sealed record Observation(bool NoTransaction, bool NoConnection, int CountedBeforeTheCheck, bool RowsFree);

    /// <summary>Answers like a hasher (<see cref="Right"/> verifies) and, while "hashing", records what <see cref="WhileHashing"/> observes.</summary>
    private sealed class ProbingHasher : IPasswordHasher
    {
        public Func<Task<Observation>>? WhileHashing { get; set; }

        public List<Observation> Observations { get; } = [];

        public async Task<string> HashAsync(string password, CancellationToken cancellationToken)
        {
            await ObserveAsync();
            return HostScopes.StoredHash;
        }

        public async Task<PasswordVerification> VerifyAsync(string password, string passwordHash, CancellationToken cancellationToken)
        {
            await ObserveAsync();
            return password == Right ? PasswordVerification.Succeeded : PasswordVerification.Failed;
        }

        public Task VerifyAgainstDummyAsync(string password, CancellationToken cancellationToken) => ObserveAsync();

        public bool ShouldShed(out TimeSpan retryAfter)
        {
            retryAfter = TimeSpan.Zero;
            return false;
        }

        private async Task ObserveAsync()
        {
            if (WhileHashing is { } observe)
            {
                Observations.Add(await observe());
            }
        }
    }
}
