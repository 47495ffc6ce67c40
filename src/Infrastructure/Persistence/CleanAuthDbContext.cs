using CleanAuth.Domain.AccountTokens;
using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>
/// The one model of CleanAuth. Each database provider has a thin subclass so that each has its own
/// migrations set (see ADR-005).
/// </summary>
public abstract class CleanAuthDbContext : DbContext
{
    protected CleanAuthDbContext(DbContextOptions options)
        : base(options)
    {
        // EF would wrap each SaveChanges inside our unit of work's transaction in a savepoint (two more round trips) so
        // that a failed save could be retried in the same transaction. Ours never is: a failed save rolls the whole
        // command back (ADR-004).
        Database.AutoSavepointsEnabled = false;
    }

    public DbSet<User> Users => Set<User>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();

    public DbSet<LoginThrottle> LoginThrottles => Set<LoginThrottle>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();

    /// <summary>Whether a unit of work is running on this context: its first write begins its transaction (<see cref="WriteTransactions"/>).</summary>
    internal bool UnitOfWorkRunning { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CleanAuthDbContext).Assembly);
}
