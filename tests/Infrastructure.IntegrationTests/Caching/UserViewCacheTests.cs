using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.Application.Users.Queries.GetCurrentUser;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Caching;
using CleanAuth.Infrastructure.IntegrationTests.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.IntegrationTests.Caching;

/// <summary>
/// The per-instance cache of account views (ADR-017): hits, lifetime, the invalidation race, and the unit of work
/// dropping the views of the accounts each commit changed, on both providers.
/// </summary>
public sealed class UserViewCacheTests
{
    private static readonly DateTime s_now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private readonly SteppingClock _clock = new();

    [Fact]
    public async Task GetOrLoadAsync_WhenAskedTwiceWithinTheLifetime_ShouldLoadOnceAndServeTheSameView()
    {
        var cache = NewCache(seconds: 5);
        var loads = new Loads();

        var first = await cache.GetOrLoadAsync(loads.UserId, loads, Loads.LoadAsync, TestContext.Current.CancellationToken);
        var second = await cache.GetOrLoadAsync(loads.UserId, loads, Loads.LoadAsync, TestContext.Current.CancellationToken);

        loads.Count.Should().Be(1);
        second.Should().BeSameAs(first);
    }

    [Fact]
    public async Task GetOrLoadAsync_WhenTheLifetimeHasPassed_ShouldLoadAgain()
    {
        var cache = NewCache(seconds: 5);
        var loads = new Loads();
        await cache.GetOrLoadAsync(loads.UserId, loads, Loads.LoadAsync, TestContext.Current.CancellationToken);

        _clock.Advance(TimeSpan.FromSeconds(4.9));
        await cache.GetOrLoadAsync(loads.UserId, loads, Loads.LoadAsync, TestContext.Current.CancellationToken);
        loads.Count.Should().Be(1);
        _clock.Advance(TimeSpan.FromSeconds(0.2));
        await cache.GetOrLoadAsync(loads.UserId, loads, Loads.LoadAsync, TestContext.Current.CancellationToken);

        loads.Count.Should().Be(2);
    }

    [Fact]
    public async Task GetOrLoadAsync_WhenTheCacheIsOff_ShouldLoadEveryTime()
    {
        var cache = NewCache(seconds: 0);
        var loads = new Loads();

        await cache.GetOrLoadAsync(loads.UserId, loads, Loads.LoadAsync, TestContext.Current.CancellationToken);
        await cache.GetOrLoadAsync(loads.UserId, loads, Loads.LoadAsync, TestContext.Current.CancellationToken);

        loads.Count.Should().Be(2);
        cache.Count.Should().Be(0);
    }

    [Fact]
    public async Task GetOrLoadAsync_WhenTheAccountIsNotFound_ShouldNotCacheTheAbsence()
    {
        var cache = NewCache(seconds: 5);
        var loads = new Loads { Missing = true };

        (await cache.GetOrLoadAsync(loads.UserId, loads, Loads.LoadAsync, TestContext.Current.CancellationToken)).Should().BeNull();
        await cache.GetOrLoadAsync(loads.UserId, loads, Loads.LoadAsync, TestContext.Current.CancellationToken);

        loads.Count.Should().Be(2);
    }

    [Fact]
    public async Task Invalidate_WhenTheAccountChanged_ShouldMakeTheNextCallLoad()
    {
        var cache = NewCache(seconds: 60);
        var loads = new Loads();
        await cache.GetOrLoadAsync(loads.UserId, loads, Loads.LoadAsync, TestContext.Current.CancellationToken);

        cache.Invalidate([Guid.NewGuid()]);
        await cache.GetOrLoadAsync(loads.UserId, loads, Loads.LoadAsync, TestContext.Current.CancellationToken);
        loads.Count.Should().Be(1, "another account's change leaves this view");
        cache.Invalidate([loads.UserId]);
        await cache.GetOrLoadAsync(loads.UserId, loads, Loads.LoadAsync, TestContext.Current.CancellationToken);

        loads.Count.Should().Be(2);
    }

    [Fact]
    public async Task GetOrLoadAsync_WhenACommitInvalidatesWhileItLoads_ShouldNotCacheWhatItRead()
    {
        // The load read the row before the commit; the commit's invalidation runs before the load returns.
        var cache = NewCache(seconds: 60);
        var loads = new Loads { DuringLoad = id => cache.Invalidate([id]) };

        await cache.GetOrLoadAsync(loads.UserId, loads, Loads.LoadAsync, TestContext.Current.CancellationToken);
        loads.DuringLoad = null;
        await cache.GetOrLoadAsync(loads.UserId, loads, Loads.LoadAsync, TestContext.Current.CancellationToken);

        loads.Count.Should().Be(2, "the view read while a commit was invalidating may be the replaced one");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task UnitOfWork_WhenItCommitsAChangeToAnAccount_ShouldDropOnlyThatAccountsView(TestProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await InfrastructureHost.StartAsync(provider, settings: new Dictionary<string, string?> { ["Performance:UserCacheSeconds"] = "3600" });
        var alice = HostScopes.NewUser(s_now, "alice");
        var bob = HostScopes.NewUser(s_now, "bob");
        await host.AddUsersAsync(ct, alice, bob);
        var cache = host.Services.GetRequiredService<UserViewCache>();

        (await ViewAsync(host, alice.Id, ct))!.FullName.Should().BeNull();
        (await ViewAsync(host, bob.Id, ct)).Should().NotBeNull();
        cache.Count.Should().Be(2);

        await host.ChangeUserAsync(alice.Id, u => u.UpdateProfile(null, "Alice Liddell", s_now.AddMinutes(1)), ct);
        cache.Count.Should().Be(1, "the commit dropped alice's view, not bob's");
        (await ViewAsync(host, alice.Id, ct))!.FullName.Should().Be("Alice Liddell");

        await host.ChangeUserAsync(alice.Id, u => u.ReplaceRoles([RoleName.Admin, RoleName.User], s_now.AddMinutes(2)), ct);
        (await ViewAsync(host, alice.Id, ct))!.Roles.Should().Equal("admin", "user");

        await host.ChangeUserAsync(alice.Id, u => u.Deactivate(s_now.AddMinutes(3)), ct);
        (await ViewAsync(host, alice.Id, ct)).Should().BeNull("an inactive account has no view");
    }

    private static Task<UserDto?> ViewAsync(InfrastructureHost host, Guid userId, CancellationToken ct) =>
        host.ReadAsync(services => services.GetRequiredService<IUserViewCache>()
            .GetOrLoadAsync(userId, services.GetRequiredService<ISpecificationQueries>(), static async (queries, id, token) =>
                (await queries.ProjectToListAsync<User, UserDto>(new ActiveUserViewSpec(id), token)).SingleOrDefault(), ct).AsTask());

    private UserViewCache NewCache(int seconds) =>
        new(Options.Create(new PerformanceOptions { UserCacheSeconds = seconds }), _clock);

    private sealed class Loads
    {
        public Guid UserId { get; } = Guid.NewGuid();

        public int Count { get; private set; }

        public bool Missing { get; init; }

        public Action<Guid>? DuringLoad { get; set; }

        public static Task<UserDto?> LoadAsync(Loads loads, Guid userId, CancellationToken cancellationToken)
        {
            loads.Count++;
            loads.DuringLoad?.Invoke(userId);
            return Task.FromResult(loads.Missing ? null : new UserDto
            {
                Id = userId, Email = "a@example.com", Username = "a", IsActive = true, IsAdmin = false, EmailVerified = true,
                Roles = ["user"], CreatedAt = s_now, UpdatedAt = s_now,
            });
        }
    }

    /// <summary>A monotonic clock the test moves by hand.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
