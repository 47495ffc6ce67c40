using System.Threading.RateLimiting;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// One client's fixed window: the first request opens a window of <c>window</c> in which <c>permitLimit</c> requests are
/// served; the rest are refused, each refusal carrying the time left until the window ends as its
/// <see cref="MetadataName.RetryAfter"/>. Nothing queues.
/// <para>
/// .NET's own <see cref="FixedWindowRateLimiter"/> counts the same way but runs on a timer of its own and reports the
/// whole window as every refusal's retry-after (a client refused a second before its budget returns would be told a
/// minute); this one reads <see cref="TimeProvider"/>, so the answer is the real wait and tests can move the clock.
/// </para>
/// </summary>
internal sealed class FixedWindowLimiter : RateLimiter
{
    private static readonly RateLimitLease s_served = new WindowLease(null);

    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private DateTimeOffset _windowEnds = DateTimeOffset.MinValue;
    private int _used;
    private long _served;
    private long _refused;

    public FixedWindowLimiter(int permitLimit, TimeSpan window, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _permitLimit = permitLimit;
        _window = window;
        _clock = clock;
    }

    /// <summary>How long since the last window ended (null while one is open): a partitioned limiter drops idle ones.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var since = _clock.GetUtcNow() - _windowEnds;
                return since > TimeSpan.Zero ? since : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _clock.GetUtcNow() >= _windowEnds ? _permitLimit : _permitLimit - _used,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _served,
                TotalFailedLeases = _refused,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _permitLimit);
        lock (_gate)
        {
            var now = _clock.GetUtcNow();

            // A window that ended, or one the clock was set back before (never a window longer than configured).
            if (now >= _windowEnds || now < _windowEnds - _window)
            {
                if (permitCount == 0)
                {
                    return s_served; // a probe: the budget is whole, and no window opens for it
                }

                _windowEnds = now + _window;
                _used = 0;
            }

            if (_used + Math.Max(permitCount, 1) <= _permitLimit)
            {
                _used += permitCount;
                _served++;
                return s_served;
            }

            _refused++;
            return new WindowLease(_windowEnds - now);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class WindowLease(TimeSpan? retryAfter) : RateLimitLease
    {
        private static readonly string[] s_retryAfterOnly = [MetadataName.RetryAfter.Name];

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : s_retryAfterOnly;

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
