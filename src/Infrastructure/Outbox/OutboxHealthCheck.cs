using CleanAuth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanAuth.Infrastructure.Outbox;

/// <summary>Degraded while any outbox message (a mail or other background work) is in the dead state; reports the dead and pending counts.</summary>
internal sealed class OutboxHealthCheck : IHealthCheck
{
    private readonly CleanAuthDbContext _db;

    public OutboxHealthCheck(CleanAuthDbContext db) => _db = db;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (pending, dead) = await CountAsync(_db, cancellationToken);
        var data = new Dictionary<string, object> { ["dead_messages"] = dead, ["pending_messages"] = pending };
        return dead == 0
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded("Some mail could not be delivered.", data: data);
    }

    /// <summary>Messages waiting to be carried out (due or retrying later), and messages given up (dead).</summary>
    internal static async Task<(int Pending, int Dead)> CountAsync(CleanAuthDbContext db, CancellationToken cancellationToken)
    {
        var dead = await db.OutboxMessages.CountAsync(m => m.DeadAt != null, cancellationToken);
        var pending = await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.DeadAt == null, cancellationToken);
        return (pending, dead);
    }
}
