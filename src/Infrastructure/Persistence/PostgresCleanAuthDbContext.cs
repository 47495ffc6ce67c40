using CleanAuth.Domain.Auditing;
using CleanAuth.Domain.Users;
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

        // The admin user search is a substring match (LIKE '%term%') on the normalized email and username; trigram
        // indexes answer it without reading every row (docs/benchmarks.md, a million users).
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<User>().HasIndex(u => u.NormalizedEmail, "ix_users_normalized_email_trgm").HasDatabaseName("ix_users_normalized_email_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        modelBuilder.Entity<User>().HasIndex(u => u.NormalizedUsername, "ix_users_normalized_username_trgm").HasDatabaseName("ix_users_normalized_username_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
