using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Security.Tokens;

/// <summary>
/// Users whose roles changed, or who were deleted, recently enough that access tokens issued before the change may
/// still be unexpired: user id → their current roles and the version they are from (<c>users.roles_changed_at</c>), or a
/// deletion mark. The bearer check gives a listed user these roles instead of the token's, and refuses a deleted user's
/// token (ADR-006); a user not listed holds the roles the token carries, since every token issued after the last change
/// carries them. Checked on every authenticated request without a database round trip. Filled after each commit on this
/// instance and by <see cref="RoleChangeSync"/> from the database (start-up and other instances); an entry is dropped
/// once every access token issued before its change has expired, so memory is bounded by the changes made within one
/// access-token lifetime.
/// </summary>
public sealed class RoleChangeRegistry
{
    private readonly ConcurrentDictionary<Guid, RoleChange> _changes = new();
    private readonly TimeSpan _retention;
    private readonly TimeProvider _clock;

    public RoleChangeRegistry(IOptions<JwtOptions> options, TimeProvider clock)
    {
        _retention = JwtValidation.AccessTokenRetention(options.Value);
        _clock = clock;
    }

    public TimeSpan Retention => _retention;

    public int Count => _changes.Count;

    // TryGetValue is lock-free; no IsEmpty pre-check, which takes every lock (ADR-010, docs/benchmarks.md).
    public bool TryGet(Guid userId, [MaybeNullWhen(false)] out RoleChange change) => _changes.TryGetValue(userId, out change);

    /// <summary>
    /// The user's roles as of <paramref name="changedAt"/>. Ignored when the registry already knows this version or a
    /// newer one, or a deletion (a poll that read the database before a local commit never undoes that commit), and
    /// when every token issued before the change has expired.
    /// </summary>
    public void SetRoles(Guid userId, IEnumerable<string> roles, DateTime changedAt)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (Until(changedAt) is not { } until)
        {
            return;
        }

        var change = new RoleChange(roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), changedAt, isDeleted: false, until);
        while (true)
        {
            if (!_changes.TryGetValue(userId, out var current))
            {
                if (_changes.TryAdd(userId, change))
                {
                    return;
                }
            }
            else if (current.IsDeleted || current.Version >= changedAt || _changes.TryUpdate(userId, change, current))
            {
                return;
            }
        }
    }

    /// <summary>
    /// The account was deleted at <paramref name="deletedAt"/>: its tokens are refused until every one issued before then
    /// has expired (none can be issued after). A deletion outranks any role change.
    /// </summary>
    public void MarkDeleted(Guid userId, DateTime deletedAt)
    {
        if (Until(deletedAt) is not { } until)
        {
            return;
        }

        var mark = new RoleChange([], deletedAt, isDeleted: true, until);
        while (true)
        {
            if (!_changes.TryGetValue(userId, out var current))
            {
                if (_changes.TryAdd(userId, mark))
                {
                    return;
                }
            }
            else if ((current.IsDeleted && current.Until >= until) || _changes.TryUpdate(userId, mark, current))
            {
                return;
            }
        }
    }

    public void PurgeExpired()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        foreach (var entry in _changes)
        {
            if (entry.Value.Until <= now)
            {
                // Only this entry: a newer one stored meanwhile stays.
                _changes.TryRemove(entry);
            }
        }
    }

    private DateTime? Until(DateTime changedAt)
    {
        var until = changedAt + _retention;
        return until > _clock.GetUtcNow().UtcDateTime ? until : null;
    }
}

/// <summary>A user's roles since a change (<see cref="Version"/>), or the mark of a deleted account. Immutable.</summary>
public sealed class RoleChange
{
    internal RoleChange(string[] roles, DateTime version, bool isDeleted, DateTime until)
    {
        Roles = roles;
        Version = version;
        IsDeleted = isDeleted;
        Until = until;
    }

    /// <summary>The current roles, sorted (ordinal); empty for a deleted account.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>When the roles were last replaced (<c>users.roles_changed_at</c>), or when the account was deleted.</summary>
    public DateTime Version { get; }

    public bool IsDeleted { get; }

    /// <summary>When every access token issued before the change has expired: the entry is dropped then.</summary>
    public DateTime Until { get; }
}
