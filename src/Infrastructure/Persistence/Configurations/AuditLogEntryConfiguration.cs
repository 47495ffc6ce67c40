using CleanAuth.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAuth.Infrastructure.Persistence.Configurations;

/// <summary>
/// The append-only audit log. No foreign key to users: entries outlive the accounts they are about. A trigger added by
/// the <c>AuditLog</c> migration on each provider refuses UPDATE and DELETE.
/// </summary>
public sealed class AuditLogEntryConfiguration : IEntityTypeConfiguration<AuditLogEntry>
{
    public void Configure(EntityTypeBuilder<AuditLogEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.EventType).HasMaxLength(AuditLogEntry.EventTypeMaxLength).IsRequired();
        builder.Property(e => e.IpAddress).HasMaxLength(AuditLogEntry.IpAddressMaxLength);
        builder.Property(e => e.UserAgent).HasMaxLength(AuditLogEntry.UserAgentMaxLength);
        builder.Property(e => e.TraceId).HasMaxLength(AuditLogEntry.TraceIdMaxLength);
        builder.Property(e => e.Details).IsRequired();

        // Newest first, ties by id: the unfiltered page, a user's own security events, an actor's actions, and the
        // 24-hour counts of the stats.
        builder.HasIndex(e => new { e.OccurredAt, e.Id }).HasDatabaseName("ix_audit_log_occurred_at_id");
        builder.HasIndex(e => new { e.UserId, e.OccurredAt, e.Id }).HasDatabaseName("ix_audit_log_user_id_occurred_at_id");
        builder.HasIndex(e => new { e.ActorId, e.OccurredAt, e.Id }).HasDatabaseName("ix_audit_log_actor_id_occurred_at_id");
        builder.HasIndex(e => new { e.EventType, e.OccurredAt, e.Id }).HasDatabaseName("ix_audit_log_event_type_occurred_at_id");
    }
}
