using CleanAuth.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence;

public sealed class PostgresCleanAuthDbContext : CleanAuthDbContext
{
    public PostgresCleanAuthDbContext(DbContextOptions<PostgresCleanAuthDbContext> options)
        : base(options)
    {
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Audit details are JSON objects; jsonb checks that they are and lets operators query them.
        modelBuilder.Entity<AuditLogEntry>().Property(e => e.Details).HasColumnType("jsonb");
    }
}
