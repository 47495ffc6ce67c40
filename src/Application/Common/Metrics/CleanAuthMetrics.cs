using System.Diagnostics.Metrics;

namespace CleanAuth.Application.Common.Metrics;

/// <summary>How a login ended: <c>cleanauth_logins_total{result}</c>.</summary>
public enum LoginResult
{
    Succeeded,
    Failed,
    Throttled,
}

/// <summary>How a refresh ended: <c>cleanauth_token_refreshes_total{result}</c>.</summary>
public enum TokenRefreshResult
{
    Succeeded,
    Failed,
    ReuseDetected,
}

/// <summary>How one delivery attempt of a mail ended: <c>cleanauth_emails_total{result}</c>.</summary>
public enum EmailResult
{
    /// <summary>The mail server (or the pickup folder) took it.</summary>
    Sent,

    /// <summary>The attempt failed; another is scheduled.</summary>
    Failed,

    /// <summary>The last allowed attempt failed: the mail is given up (the dead state).</summary>
    Dead,
}

/// <summary>Which Argon2id run: <c>cleanauth_password_hash_duration_seconds{operation}</c>.</summary>
public enum PasswordHashOperation
{
    Hash,
    Verify,
}

/// <summary>
/// Every measurement CleanAuth itself takes, on one meter (<see cref="MeterName"/>) created once per host through its
/// <see cref="IMeterFactory"/>; the web layer exports it (Prometheus at <c>/metrics</c>, OTLP) when asked to. Recording
/// is a counter increment or a histogram record with tags made once, allocation-free, and costs next to nothing while
/// nothing listens. The Prometheus names follow from the instrument names (dots to underscores, the unit <c>s</c> as
/// <c>_seconds</c>, <c>_total</c> on counters):
/// <list type="bullet">
/// <item><c>cleanauth_registrations_total</c>: accounts registered (the operator's admin accounts not included).</item>
/// <item><c>cleanauth_logins_total{result="succeeded|failed|throttled"}</c>: a session started; a 401 or 403 answer;
/// a 429 <c>LOGIN_THROTTLED</c> (as the audit log's <c>login.throttled</c>, a current-password check's included).</item>
/// <item><c>cleanauth_token_refreshes_total{result="succeeded|failed|reuse_detected"}</c>.</item>
/// <item><c>cleanauth_password_resets_total</c>: passwords set from a reset link.</item>
/// <item><c>cleanauth_emails_total{result="sent|failed|dead"}</c>: each delivery attempt of a mail.</item>
/// <item><c>cleanauth_rate_limited_requests_total{policy}</c>: requests a rate limiter refused.</item>
/// <item><c>cleanauth_password_hash_duration_seconds{operation="hash|verify"}</c>: every Argon2id run.</item>
/// <item><c>cleanauth_outbox_messages{state="pending|dead"}</c>: the outbox as last counted.</item>
/// </list>
/// </summary>
public sealed class CleanAuthMetrics
{
    public const string MeterName = "CleanAuth";

    /// <summary>Outbox counts older than this are not reported (the gauge shows nothing rather than a stale value).</summary>
    public static readonly TimeSpan OutboxCountsMaxAge = TimeSpan.FromMinutes(1);

    private static readonly KeyValuePair<string, object?>[] s_loginResults = Tags("result", "succeeded", "failed", "throttled");
    private static readonly KeyValuePair<string, object?>[] s_refreshResults = Tags("result", "succeeded", "failed", "reuse_detected");
    private static readonly KeyValuePair<string, object?>[] s_emailResults = Tags("result", "sent", "failed", "dead");
    private static readonly KeyValuePair<string, object?>[] s_hashOperations = Tags("operation", "hash", "verify");
    private static readonly KeyValuePair<string, object?> s_pending = new("state", "pending");
    private static readonly KeyValuePair<string, object?> s_dead = new("state", "dead");

    // Argon2id at OWASP's minimum takes tens of milliseconds per run; ten times that cost a few hundred.
    private static readonly double[] s_hashBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5];

    private readonly TimeProvider _clock;
    private readonly Counter<long> _registrations;
    private readonly Counter<long> _logins;
    private readonly Counter<long> _tokenRefreshes;
    private readonly Counter<long> _passwordResets;
    private readonly Counter<long> _emails;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _hashingShed;
    private readonly Histogram<double> _passwordHashDuration;
    private OutboxCounts? _outbox;
    private long _outboxObservedAt;

    public CleanAuthMetrics(IMeterFactory meterFactory, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _clock = clock;
        var meter = meterFactory.Create(MeterName);
        _registrations = meter.CreateCounter<long>("cleanauth.registrations", "{registration}", "Accounts registered.");
        _logins = meter.CreateCounter<long>("cleanauth.logins", "{login}", "Logins, by result: succeeded, failed (401 or 403), throttled (429).");
        _tokenRefreshes = meter.CreateCounter<long>("cleanauth.token_refreshes", "{refresh}", "Refresh-token uses, by result: succeeded, failed, reuse_detected.");
        _passwordResets = meter.CreateCounter<long>("cleanauth.password_resets", "{reset}", "Passwords set from a reset link.");
        _emails = meter.CreateCounter<long>("cleanauth.emails", "{email}", "Mail delivery attempts, by result: sent, failed (retried later), dead (given up).");
        _rateLimited = meter.CreateCounter<long>("cleanauth.rate_limited_requests", "{request}", "Requests refused by a rate limiter, by policy.");
        _hashingShed = meter.CreateCounter<long>(
            "cleanauth.password_hashing.shed_requests", "{request}", "Requests refused with 503 because password hashing was at capacity (its queue full).");
        _passwordHashDuration = meter.CreateHistogram(
            "cleanauth.password_hash.duration", "s", "Time of each Argon2id run (hashing or verifying a password).",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_hashBuckets });
        meter.CreateObservableGauge("cleanauth.outbox.messages", ObserveOutbox, "{message}", "Outbox messages (mail and other background work) pending or dead.");
    }

    /// <summary>
    /// True while the outbox counts are worth taking: until they first are, and while something collects the gauge
    /// (within <see cref="OutboxCountsMaxAge"/>). So nobody pays a query for a gauge nobody reads.
    /// </summary>
    public bool OutboxCountWanted =>
        Volatile.Read(ref _outbox) is null
        || _clock.GetElapsedTime(Interlocked.Read(ref _outboxObservedAt)) <= OutboxCountsMaxAge;

    public void UserRegistered() => _registrations.Add(1);

    public void Login(LoginResult result) => _logins.Add(1, s_loginResults[(int)result]);

    public void TokenRefresh(TokenRefreshResult result) => _tokenRefreshes.Add(1, s_refreshResults[(int)result]);

    public void PasswordResetCompleted() => _passwordResets.Add(1);

    public void Email(EmailResult result) => _emails.Add(1, s_emailResults[(int)result]);

    /// <summary>
    /// A request a rate limiter refused, under its <paramref name="policy"/> (<c>global</c>, <c>auth</c>, <c>refresh</c>):
    /// for the limiter's <c>OnRejected</c>. The policy becomes a label, so pass only the policies' fixed names.
    /// </summary>
    public void RateLimited(string policy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policy);
        _rateLimited.Add(1, new KeyValuePair<string, object?>("policy", policy));
    }

    /// <summary>
    /// A request refused with 503 because every hashing slot was busy and the queue full. Counted here rather than logged
    /// one line each: a flood of them would otherwise flood the log too.
    /// </summary>
    public void PasswordHashingShed() => _hashingShed.Add(1);

    /// <summary>One Argon2id run took <paramref name="duration"/> (the run only, not the wait for a hashing slot).</summary>
    public void PasswordHashed(PasswordHashOperation operation, TimeSpan duration) =>
        _passwordHashDuration.Record(duration.TotalSeconds, s_hashOperations[(int)operation]);

    /// <summary>The outbox as just counted (by the outbox worker, see <see cref="OutboxCountWanted"/>).</summary>
    public void OutboxCounted(long pending, long dead) =>
        Volatile.Write(ref _outbox, new OutboxCounts(pending, dead, _clock.GetTimestamp()));

    private IEnumerable<Measurement<long>> ObserveOutbox()
    {
        Interlocked.Exchange(ref _outboxObservedAt, _clock.GetTimestamp());
        if (Volatile.Read(ref _outbox) is not { } counts || _clock.GetElapsedTime(counts.CountedAt) > OutboxCountsMaxAge)
        {
            return [];
        }

        return [new Measurement<long>(counts.Pending, s_pending), new Measurement<long>(counts.Dead, s_dead)];
    }

    private static KeyValuePair<string, object?>[] Tags(string key, params string[] values) =>
        [.. values.Select(value => new KeyValuePair<string, object?>(key, value))];

    private sealed record OutboxCounts(long Pending, long Dead, long CountedAt);
}
