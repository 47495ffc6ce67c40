namespace CleanAuth.Infrastructure.Persistence.Roles;

/// <summary>A row of <c>roles</c>: a role a user may hold.</summary>
public sealed class RoleRecord
{
    public required string Name { get; init; }
}

/// <summary>A row of <c>role_permissions</c>: <see cref="Role"/> grants <see cref="Permission"/>.</summary>
public sealed class RolePermissionRecord
{
    public required string Role { get; init; }

    public required string Permission { get; init; }
}
