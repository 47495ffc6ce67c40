using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Security.Tokens;

/// <summary>
/// Sessions revoked recently enough that access tokens issued for them may still be unexpired. Checked on
/// every authenticated request without a database round trip; an entry is dropped once every access token
/// of its session has expired. Filled after each commit on this instance and by
/// <see cref="RevokedSessionSync"/> from the database (start-up and other instances).
/// </summary>
public sealed class RevokedSessionRegistry
{
    private readonly ConcurrentDictionary<Guid, DateTime> _revokedUntil = new();
    private readonly TimeSpan _retention;
    private readonly TimeProvider _clock;

    public RevokedSessionRegistry(IOptions<JwtOptions> options, TimeProvider clock)
    {
        _retention = JwtValidation.AccessTokenRetention(options.Value);
        _clock = clock;
    }

    public TimeSpan Retention => _retention;

    public int Count => _revokedUntil.Count;

    // ContainsKey is lock-free; ConcurrentDictionary.IsEmpty takes every lock (measured: docs/benchmarks.md), so no pre-check.
    public bool IsRevoked(Guid sessionId) => _revokedUntil.ContainsKey(sessionId);

    public void Add(Guid sessionId, DateTime revokedAt)
    {
        var until = revokedAt + _retention;
        if (until > _clock.GetUtcNow().UtcDateTime)
        {
            _revokedUntil[sessionId] = until;
        }
    }

    public void PurgeExpired()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        foreach (var (sessionId, until) in _revokedUntil)
        {
            if (until <= now)
            {
                _revokedUntil.TryRemove(sessionId, out _);
            }
        }
    }
}
