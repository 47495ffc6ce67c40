using System.Collections.Concurrent;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Users.Dtos;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Caching;

/// <summary>
/// The per-instance cache of account views (ADR-017), one singleton. A hit is one dictionary look-up and allocates
/// nothing. <see cref="Invalidate"/> runs after each commit that changed accounts (the unit of work calls it), and a
/// load stores its view only if no invalidation ran while it read: a read that raced a commit can never cache what
/// the commit replaced.
/// </summary>
public sealed class UserViewCache : IUserViewCache
{
    // Expired entries of accounts that never come back are swept on every this-many stores.
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly TimeProvider _clock;
    private readonly long _lifetimeTicks;
    private long _invalidations;
    private int _stores;

    public UserViewCache(IOptions<PerformanceOptions> options, TimeProvider clock)
    {
        _clock = clock;
        var seconds = options.Value.UserCacheSeconds;
        _lifetimeTicks = seconds * clock.TimestampFrequency;
    }

    public bool Enabled => _lifetimeTicks > 0;

    public int Count => _entries.Count;

    public async ValueTask<UserDto?> GetOrLoadAsync<TState>(
        Guid userId, TState state, Func<TState, Guid, CancellationToken, Task<UserDto?>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (!Enabled)
        {
            return await load(state, userId, cancellationToken);
        }

        var now = _clock.GetTimestamp();
        if (_entries.TryGetValue(userId, out var entry))
        {
            if (now < entry.ExpiresAt)
            {
                return entry.View;
            }

            _entries.TryRemove(new KeyValuePair<Guid, Entry>(userId, entry));
        }

        // Read before loading: an invalidation after this point (a commit this load may not see) keeps the view out.
        var invalidations = Volatile.Read(ref _invalidations);
        var view = await load(state, userId, cancellationToken);
        if (view is not null)
        {
            Store(userId, new Entry(view, now + _lifetimeTicks), invalidations);
        }

        return view;
    }

    /// <summary>Drops the views of <paramref name="userIds"/>; called after the commit that changed them.</summary>
    public void Invalidate(IReadOnlyCollection<Guid> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        if (!Enabled || userIds.Count == 0)
        {
            return;
        }

        // Count first, then remove: a load that began before the commit either sees the count change and does not store,
        // or stored before this removal, which then drops it.
        Interlocked.Increment(ref _invalidations);
        foreach (var userId in userIds)
        {
            _entries.TryRemove(userId, out _);
        }
    }

    private void Store(Guid userId, Entry entry, long invalidationsBeforeLoad)
    {
        _entries[userId] = entry;
        if (Volatile.Read(ref _invalidations) != invalidationsBeforeLoad)
        {
            // A commit was invalidating while this view was read: it may be the replaced one.
            _entries.TryRemove(new KeyValuePair<Guid, Entry>(userId, entry));
        }

        if (Interlocked.Increment(ref _stores) % SweepEvery == 0)
        {
            var now = _clock.GetTimestamp();
            foreach (var (id, cached) in _entries)
            {
                if (now >= cached.ExpiresAt)
                {
                    _entries.TryRemove(new KeyValuePair<Guid, Entry>(id, cached));
                }
            }
        }
    }

    private sealed record Entry(UserDto View, long ExpiresAt);
}
