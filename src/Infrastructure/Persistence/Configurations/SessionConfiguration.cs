using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAuth.Infrastructure.Persistence.Configurations;

public sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.RevocationReason).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.IpAddress).HasMaxLength(Session.MaxIpAddressLength);
        builder.Property(s => s.UserAgent).HasMaxLength(Session.MaxUserAgentLength);

        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.UserId);

        // The revoked-session registry reloads recent revocations at start-up and polls for new ones.
        builder.HasIndex(s => s.RevokedAt);

        // The stats' count of live sessions (Session.ActiveAt) reads only the sessions never revoked, from the index.
        builder.HasIndex(s => new { s.ExpiresAt, s.IdleExpiresAt }).HasDatabaseName("ix_sessions_live_expiry").HasFilter("revoked_at IS NULL");

        builder.HasMany(s => s.RefreshTokens).WithOne(t => t.Session).HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.RefreshTokens).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.Ignore(s => s.IsRevoked);
        builder.Ignore(s => s.EndsAt);
        builder.Ignore(s => s.DomainEvents);
    }
}
