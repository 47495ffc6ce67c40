using CleanAuth.Domain.AccountTokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

public sealed class AccountTokenRepositoryTests
{
    private static readonly DateTime s_now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan s_lifetime = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task TryConsume_WhenManyTransactionsRace_ShouldLetExactlyOneWin(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var user = HostScopes.NewUser(s_now);
        await host.AddUsersAsync(ct, user);
        var token = AccountToken.ForPasswordReset(user.Id, Hash("race"), s_now, s_lifetime);
        await AddAsync(host, ct, token);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(
            () => host.InUnitOfWorkAsync(services => Tokens(services).TryConsumeAsync(token.Id, s_now.AddSeconds(i + 1), ct), ct), ct)));

        claims.Count(won => won).Should().Be(1);
        var stored = (await FindAsync(host, AccountTokenKind.PasswordReset, Hash("race")))!;
        stored.ConsumedAt.Should().NotBeNull();
        stored.IsUsable(s_now).Should().BeFalse();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task TryConsume_WhenTheTokenWasSuperseded_ShouldReturnFalse(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var user = HostScopes.NewUser(s_now);
        await host.AddUsersAsync(ct, user);
        var token = AccountToken.ForPasswordReset(user.Id, Hash("old"), s_now, s_lifetime);
        await AddAsync(host, ct, token);
        await host.InUnitOfWorkAsync(async services =>
        {
            await Tokens(services).SupersedeForUserAsync(AccountTokenKind.PasswordReset, user.Id, s_now.AddMinutes(1), ct);
            return 0;
        }, ct);

        var won = await host.InUnitOfWorkAsync(services => Tokens(services).TryConsumeAsync(token.Id, s_now.AddMinutes(2), ct), ct);

        won.Should().BeFalse();
        (await FindAsync(host, AccountTokenKind.PasswordReset, Hash("old")))!.ConsumedAt.Should().Be(s_now.AddMinutes(1));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task SupersedeForUser_WhenCalled_ShouldRetireOnlyThatUsersUnusedTokensOfThatKind(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var alice = HostScopes.NewUser(s_now);
        var bob = HostScopes.NewUser(s_now);
        await host.AddUsersAsync(ct, alice, bob);
        var used = AccountToken.ForPasswordReset(alice.Id, Hash("alice-used"), s_now, s_lifetime);
        used.Consume(s_now.AddMinutes(1));
        await AddAsync(host, ct,
            AccountToken.ForPasswordReset(alice.Id, Hash("alice-reset-1"), s_now, s_lifetime),
            AccountToken.ForPasswordReset(alice.Id, Hash("alice-reset-2"), s_now, s_lifetime),
            used,
            AccountToken.ForEmailVerification(alice.Id, alice.NormalizedEmail, Hash("alice-verify"), s_now, s_lifetime),
            AccountToken.ForPasswordReset(bob.Id, Hash("bob-reset"), s_now, s_lifetime));
        var supersededAt = s_now.AddMinutes(5);

        await host.InUnitOfWorkAsync(async services =>
        {
            await Tokens(services).SupersedeForUserAsync(AccountTokenKind.PasswordReset, alice.Id, supersededAt, ct);
            return 0;
        }, ct);

        var consumed = await ConsumedAtByHashAsync(host);
        consumed[Hash("alice-reset-1")].Should().Be(supersededAt);
        consumed[Hash("alice-reset-2")].Should().Be(supersededAt);
        consumed[Hash("alice-used")].Should().Be(s_now.AddMinutes(1), "a used token keeps the time it was used");
        consumed[Hash("alice-verify")].Should().BeNull("another kind is not retired");
        consumed[Hash("bob-reset")].Should().BeNull("another user's token is not retired");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task SupersedeInvitations_WhenCalled_ShouldRetireOnlyUnusedInvitationsPinnedToThatAddress(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var user = HostScopes.NewUser(s_now, "guest");
        await host.AddUsersAsync(ct, user);
        await AddAsync(host, ct,
            AccountToken.ForInvitation("guest@example.com", ["admin"], Hash("pinned"), s_now, s_lifetime),
            AccountToken.ForInvitation("other@example.com", [], Hash("pinned-elsewhere"), s_now, s_lifetime),
            AccountToken.ForInvitation(null, [], Hash("open"), s_now, s_lifetime),
            AccountToken.ForEmailVerification(user.Id, "guest@example.com", Hash("verification"), s_now, s_lifetime));

        await host.InUnitOfWorkAsync(async services =>
        {
            await Tokens(services).SupersedeInvitationsAsync("guest@example.com", s_now.AddMinutes(1), ct);
            return 0;
        }, ct);

        var consumed = await ConsumedAtByHashAsync(host);
        consumed[Hash("pinned")].Should().Be(s_now.AddMinutes(1));
        consumed[Hash("pinned-elsewhere")].Should().BeNull();
        consumed[Hash("open")].Should().BeNull();
        consumed[Hash("verification")].Should().BeNull();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Find_WhenAskedForAnotherKind_ShouldNeverReturnTheToken(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var user = HostScopes.NewUser(s_now);
        await host.AddUsersAsync(ct, user);
        var tokens = new[]
        {
            AccountToken.ForPasswordReset(user.Id, Hash("reset"), s_now, s_lifetime),
            AccountToken.ForEmailVerification(user.Id, user.NormalizedEmail, Hash("verify"), s_now, s_lifetime),
            AccountToken.ForInvitation("guest@example.com", ["admin", "auditor"], Hash("invite"), s_now, s_lifetime),
        };
        await AddAsync(host, ct, tokens);

        foreach (var token in tokens)
        {
            foreach (var kind in Enum.GetValues<AccountTokenKind>())
            {
                var found = await FindAsync(host, kind, token.TokenHash);
                if (kind == token.Kind)
                {
                    found.Should().NotBeNull();
                    found!.Id.Should().Be(token.Id);
                }
                else
                {
                    found.Should().BeNull($"a {token.Kind} token is never found as {kind}");
                }
            }
        }
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Find_WhenTheTokenExists_ShouldRoundTripEveryField(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider);
        var invitation = AccountToken.ForInvitation("guest@example.com", ["admin", "auditor"], Hash("invite"), s_now, TimeSpan.FromDays(7));
        await AddAsync(host, ct, invitation);

        var found = (await FindAsync(host, AccountTokenKind.Invitation, Hash("invite")))!;

        found.Email.Should().Be("guest@example.com");
        found.UserId.Should().BeNull();
        found.RoleList.Should().Equal("admin", "auditor");
        found.CreatedAt.Should().Be(s_now);
        found.ExpiresAt.Should().Be(s_now.AddDays(7));
        found.ExpiresAt.Kind.Should().Be(DateTimeKind.Utc);
        found.ConsumedAt.Should().BeNull();
    }

    private static string Hash(string token) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static IAccountTokenRepository Tokens(IServiceProvider services) => services.GetRequiredService<IAccountTokenRepository>();

    private static Task AddAsync(InfrastructureHost host, CancellationToken ct, params AccountToken[] tokens) =>
        host.InUnitOfWorkAsync(services =>
        {
            foreach (var token in tokens)
            {
                Tokens(services).Add(token);
            }
        }, ct);

    private static Task<AccountToken?> FindAsync(InfrastructureHost host, AccountTokenKind kind, string hash) =>
        host.ReadAsync(services => Tokens(services).FindAsync(kind, hash, TestContext.Current.CancellationToken));

    private static Task<Dictionary<string, DateTime?>> ConsumedAtByHashAsync(InfrastructureHost host) =>
        host.QueryAsync(db => db.AccountTokens.AsNoTracking().ToDictionaryAsync(t => t.TokenHash, t => t.ConsumedAt, TestContext.Current.CancellationToken));
}
