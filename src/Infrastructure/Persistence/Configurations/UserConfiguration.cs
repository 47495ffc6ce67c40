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

        builder.OwnsMany(u => u.Roles, roles =>
        {
            roles.ToTable("user_roles");
            roles.WithOwner().HasForeignKey("UserId");
            roles.Property(r => r.Role).HasMaxLength(RoleName.MaxLength).IsRequired();
            roles.HasKey("UserId", nameof(UserRole.Role));
        });
        builder.Navigation(u => u.Roles).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.Ignore(u => u.RoleNames);
        builder.Ignore(u => u.IsAdmin);
        builder.Ignore(u => u.DomainEvents);
    }
}
