using System.Data.Common;
using CleanAuth.Application.Auth.Commands.Login;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Users.Commands.RegisterUser;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// Issue 10, bounded under attack: while password hashing is saturated, a login or a registration is refused with 503
/// before it does any database work: no lookup, no lockout reservation, nothing written, nothing counted.
/// </summary>
public sealed class SheddingTests
{
    private static readonly DateTime s_now = DateTime.UtcNow;

    [Theory]
    [InlineData(TestProvider.Sqlite, "login")]
    [InlineData(TestProvider.Sqlite, "register")]
    [InlineData(TestProvider.Postgres, "login")]
    [InlineData(TestProvider.Postgres, "register")]
    public async Task Request_WhileHashingIsSaturated_ShouldBeRefusedWithRetryAfterBeforeAnyDatabaseWork(TestProvider provider, string request)
    {
        var ct = TestContext.Current.CancellationToken;
        var hasher = new SaturatedHasher();
        await using var host = await InfrastructureHost.StartAsync(provider, configureServices: s => s.AddSingleton<IPasswordHasher>(hasher));
        var user = HostScopes.NewUser(s_now);
        await host.AddUsersAsync(ct, user);
        var (auditBefore, usersBefore) = await CountsAsync(host, ct);
        await using var scope = host.CreateScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        using var reference = Reference(provider, host.ConnectionString);
        using var commands = new CommandsSent(reference);

        var act = request == "login"
            ? () => mediator.Send(new LoginCommand(user.Email, null, "a guess", null, null), ct)
            : (Func<Task>)(() => mediator.Send(new RegisterUserCommand("newcomer@example.com", "newcomer", "a long enough passphrase for the policy", null), ct));

        (await act.Should().ThrowAsync<ServiceUnavailableException>()).Which.RetryAfter.Should().Be(TimeSpan.FromSeconds(1));
        commands.Count.Should().Be(0, "refused before any lookup, reservation or write");
        hasher.HashesAskedFor.Should().Be(0);
        (await host.QueryAsync(db => db.LoginThrottles.CountAsync(ct))).Should().Be(0, "nothing counted toward a lockout");
        (await CountsAsync(host, ct)).Should().Be((auditBefore, usersBefore), "nothing written, not even an audit entry");
        commands.Count.Should().BePositive("the counter does see this database's commands (the checks just above)");
    }

    private static Task<(int Audit, int Users)> CountsAsync(InfrastructureHost host, CancellationToken ct) =>
        host.QueryAsync(async db => (await db.AuditLog.CountAsync(ct), await db.Users.CountAsync(ct)));

    private static DbConnection Reference(TestProvider provider, string connectionString) =>
        provider == TestProvider.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);

    /// <summary>Every slot busy and the queue full, as <c>Argon2idPasswordHasher</c> answers then.</summary>
    private sealed class SaturatedHasher : IPasswordHasher
    {
        private int _hashes;

        public int HashesAskedFor => Volatile.Read(ref _hashes);

        public Task<string> HashAsync(string password, CancellationToken cancellationToken) => Refuse<string>();

        public Task<PasswordVerification> VerifyAsync(string password, string passwordHash, CancellationToken cancellationToken) => Refuse<PasswordVerification>();

        public Task VerifyAgainstDummyAsync(string password, CancellationToken cancellationToken) => Refuse<bool>();

        public bool ShouldShed(out TimeSpan retryAfter)
        {
            retryAfter = TimeSpan.FromSeconds(1);
            return true;
        }

        private Task<T> Refuse<T>()
        {
            Interlocked.Increment(ref _hashes);
            return Task.FromException<T>(ServiceUnavailableException.HashingSaturated(TimeSpan.FromSeconds(1)));
        }
    }
}
