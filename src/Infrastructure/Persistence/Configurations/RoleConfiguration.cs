using CleanAuth.Domain.Authorization;
using CleanAuth.Infrastructure.Persistence.Roles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAuth.Infrastructure.Persistence.Configurations;

public sealed class RoleConfiguration : IEntityTypeConfiguration<RoleRecord>
{
    public void Configure(EntityTypeBuilder<RoleRecord> builder)
    {
        builder.ToTable("roles");
        builder.HasKey(r => r.Name);
        builder.Property(r => r.Name).HasMaxLength(RoleName.MaxLength);
        builder.HasData(SeededRoles.All.Select(r => new RoleRecord { Name = r.Role }));
    }
}

public sealed class RolePermissionConfiguration : IEntityTypeConfiguration<RolePermissionRecord>
{
    public void Configure(EntityTypeBuilder<RolePermissionRecord> builder)
    {
        builder.ToTable("role_permissions");
        builder.HasKey(p => new { p.Role, p.Permission });
        builder.Property(p => p.Role).HasMaxLength(RoleName.MaxLength);
        builder.Property(p => p.Permission).HasMaxLength(SeededRoles.MaxPermissionLength);
        builder.HasOne<RoleRecord>().WithMany().HasForeignKey(p => p.Role).OnDelete(DeleteBehavior.Cascade);
        builder.HasData(SeededRoles.All.SelectMany(r => r.Permissions.Select(p => new RolePermissionRecord { Role = r.Role, Permission = p })));
    }
}
