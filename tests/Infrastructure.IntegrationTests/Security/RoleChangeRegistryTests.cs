using CleanAuth.Infrastructure.IntegrationTests.Persistence;
using CleanAuth.Infrastructure.Security.Tokens;

namespace CleanAuth.Infrastructure.IntegrationTests.Security;

/// <summary>
/// The registry of recent role changes and deleted accounts the bearer check reads: newer versions win whatever order
/// they arrive in, a deletion outranks any role change, and entries go once every token issued before them has expired.
/// </summary>
public sealed class RoleChangeRegistryTests
{
    private static readonly DateTime s_start = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly ManualTimeProvider _clock = new(s_start);
    private readonly RoleChangeRegistry _registry;

    public RoleChangeRegistryTests() =>
        _registry = new RoleChangeRegistry(Microsoft.Extensions.Options.Options.Create(new JwtOptions { AccessTokenMinutes = 10 }), _clock);

    [Fact]
    public void Retention_ShouldCoverTheAccessTokenLifetimeAndTheClockSkew()
    {
        _registry.Retention.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMinutes(10) + JwtValidation.ClockSkew);
        _registry.Retention.Should().Be(new RevokedSessionRegistry(Microsoft.Extensions.Options.Options.Create(new JwtOptions { AccessTokenMinutes = 10 }), _clock).Retention);
    }

    [Fact]
    public void TryGet_ForAUserWithNoRecentChange_ShouldFindNothing()
    {
        _registry.SetRoles(Guid.NewGuid(), ["admin"], s_start);

        _registry.TryGet(Guid.NewGuid(), out var change).Should().BeFalse();
        change.Should().BeNull();
    }

    [Fact]
    public void SetRoles_ShouldKeepTheRolesSortedAndDistinctWithTheirVersion()
    {
        var userId = Guid.NewGuid();

        _registry.SetRoles(userId, ["user", "admin", "user"], s_start);

        _registry.TryGet(userId, out var change).Should().BeTrue();
        change!.Roles.Should().Equal("admin", "user");
        change.Version.Should().Be(s_start);
        change.IsDeleted.Should().BeFalse();
    }

    [Fact]
    public void SetRoles_WhenANewerVersionArrives_ShouldReplaceTheOlder()
    {
        var userId = Guid.NewGuid();
        _registry.SetRoles(userId, ["user"], s_start);

        _registry.SetRoles(userId, ["guest"], s_start.AddSeconds(1));

        _registry.TryGet(userId, out var change).Should().BeTrue();
        change!.Roles.Should().Equal("guest");
        change.Version.Should().Be(s_start.AddSeconds(1));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void SetRoles_WhenAnOlderOrTheSameVersionArrivesLater_ShouldNotUndoTheNewer(int secondsRelativeToTheNewer)
    {
        // A poll that read the database before this instance committed must never undo the commit's roles.
        var userId = Guid.NewGuid();
        var newer = s_start.AddSeconds(5);
        _registry.SetRoles(userId, ["admin", "user"], newer);

        _registry.SetRoles(userId, ["user"], newer.AddSeconds(secondsRelativeToTheNewer));

        _registry.TryGet(userId, out var change).Should().BeTrue();
        change!.Roles.Should().Equal("admin", "user");
        change.Version.Should().Be(newer);
    }

    [Fact]
    public void SetRoles_WhenVersionsArriveConcurrentlyInAnyOrder_ShouldEndWithTheNewest()
    {
        var userId = Guid.NewGuid();
        var versions = Enumerable.Range(0, 2_000).Select(i => s_start.AddMilliseconds(i)).ToArray();
        Random.Shared.Shuffle(versions);

        Parallel.ForEach(versions, version => _registry.SetRoles(userId, [$"r{version.Ticks}"], version));

        _registry.TryGet(userId, out var change).Should().BeTrue();
        var newest = s_start.AddMilliseconds(1_999);
        change!.Version.Should().Be(newest);
        change.Roles.Should().Equal($"r{newest.Ticks}");
    }

    [Fact]
    public void SetRoles_WhenEveryTokenIssuedBeforeTheChangeHasExpired_ShouldKeepNothing()
    {
        var userId = Guid.NewGuid();

        _registry.SetRoles(userId, ["admin"], s_start - _registry.Retention);

        _registry.TryGet(userId, out _).Should().BeFalse("every token issued before that change has expired; later ones carry the roles");
        _registry.Count.Should().Be(0);
    }

    [Fact]
    public void MarkDeleted_ShouldOutrankEveryRoleChange_EarlierOrLater()
    {
        var userId = Guid.NewGuid();
        _registry.SetRoles(userId, ["user"], s_start);

        _registry.MarkDeleted(userId, s_start.AddSeconds(1));
        _registry.SetRoles(userId, ["admin"], s_start.AddSeconds(2));

        _registry.TryGet(userId, out var change).Should().BeTrue();
        change!.IsDeleted.Should().BeTrue();
        change.Roles.Should().BeEmpty();
    }

    [Fact]
    public void MarkDeleted_WhenAnOlderMarkArrivesLater_ShouldKeepTheLaterOne()
    {
        var userId = Guid.NewGuid();
        _registry.MarkDeleted(userId, s_start.AddSeconds(10));

        _registry.MarkDeleted(userId, s_start);

        _registry.TryGet(userId, out var change).Should().BeTrue();
        change!.Version.Should().Be(s_start.AddSeconds(10));
        change.Until.Should().Be(s_start.AddSeconds(10) + _registry.Retention);
    }

    [Fact]
    public void PurgeExpired_ShouldDropExactlyTheEntriesWhoseOlderTokensHaveAllExpired()
    {
        var early = Guid.NewGuid();
        var late = Guid.NewGuid();
        var deleted = Guid.NewGuid();
        _registry.SetRoles(early, ["guest"], s_start);
        _registry.MarkDeleted(deleted, s_start);
        _clock.Advance(TimeSpan.FromMinutes(1));
        _registry.SetRoles(late, ["guest"], _clock.UtcNow);

        _clock.UtcNow = s_start + _registry.Retention - TimeSpan.FromTicks(1);
        _registry.PurgeExpired();
        _registry.Count.Should().Be(3, "a token issued just before the change may still be live");

        _clock.UtcNow = s_start + _registry.Retention;
        _registry.PurgeExpired();

        _registry.TryGet(early, out _).Should().BeFalse();
        _registry.TryGet(deleted, out _).Should().BeFalse("a deleted account can have no token issued after its deletion");
        _registry.TryGet(late, out _).Should().BeTrue();
        _registry.Count.Should().Be(1);
    }

    [Fact]
    public void PurgeExpired_WhenAnEntryWasReplacedByANewerOne_ShouldKeepTheNewer()
    {
        var userId = Guid.NewGuid();
        _registry.SetRoles(userId, ["user"], s_start);
        _clock.UtcNow = s_start + _registry.Retention;
        _registry.SetRoles(userId, ["admin"], _clock.UtcNow);

        _registry.PurgeExpired();

        _registry.TryGet(userId, out var change).Should().BeTrue();
        change!.Roles.Should().Equal("admin");
    }
}
