using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAuth.Infrastructure.Persistence.Configurations;

public sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public const string UniqueEmailIndex = "ux_users_normalized_email";
    public const string UniqueUsernameIndex = "ux_users_normalized_username";
    public const int PasswordHashMaxLength = 512;

    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();

        builder.Property(u => u.Email).HasMaxLength(Email.MaxLength).IsRequired();
        builder.Property(u => u.NormalizedEmail).HasMaxLength(Email.MaxLength).IsRequired();
        builder.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName(UniqueEmailIndex);

        builder.Property(u => u.Username).HasMaxLength(Username.MaxLength).IsRequired();
        builder.Property(u => u.NormalizedUsername).HasMaxLength(Username.MaxLength).IsRequired();
        builder.HasIndex(u => u.NormalizedUsername).IsUnique().HasDatabaseName(UniqueUsernameIndex);

        builder.Property(u => u.PendingEmail).HasMaxLength(Email.MaxLength);
        builder.Property(u => u.PendingNormalizedEmail).HasMaxLength(Email.MaxLength);
        builder.Property(u => u.FullName).HasMaxLength(FullNameRule.MaxLength);
        builder.Property(u => u.PasswordHash).HasMaxLength(PasswordHashMaxLength).IsRequired();

        // The admin user list sorts by these (ties by id); the normalized columns above serve the email and username sorts.
        builder.HasIndex(u => new { u.CreatedAt, u.Id }).HasDatabaseName("ix_users_created_at_id");
        builder.HasIndex(u => new { u.LastLoginAt, u.Id }).HasDatabaseName("ix_users_last_login_at_id");

        // The stats' account counts and the list's is_active / email_verified filter counts read this narrow index
        // instead of the table (docs/benchmarks.md, a million users).
        builder.HasIndex(u => new { u.IsActive, u.EmailVerified }).HasDatabaseName("ix_users_is_active_email_verified");

        // Other instances poll for role changes (ADR-006).
        builder.HasIndex(u => u.RolesChangedAt).HasDatabaseName("ix_users_roles_changed_at");

        builder.OwnsMany(u => u.Roles, roles =>
        {
            roles.ToTable("user_roles");
            roles.WithOwner().HasForeignKey("UserId");
            roles.Property(r => r.Role).HasMaxLength(RoleName.MaxLength).IsRequired();
            roles.HasKey("UserId", nameof(UserRole.Role));

            // The user list's role filter.
            roles.HasIndex(nameof(UserRole.Role), "UserId").HasDatabaseName("ix_user_roles_role_user_id");
        });
        builder.Navigation(u => u.Roles).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.Ignore(u => u.RoleNames);
        builder.Ignore(u => u.IsAdmin);
        builder.Ignore(u => u.DomainEvents);
    }
}
