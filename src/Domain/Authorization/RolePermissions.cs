namespace CleanAuth.Domain.Authorization;

/// <summary>
/// Which permissions each built-in role grants. Unknown roles grant nothing.
/// (Roles and permissions become data managed through the admin API in a later stage.)
/// </summary>
public static class RolePermissions
{
    private static readonly Dictionary<string, string[]> s_grants = new(StringComparer.Ordinal)
    {
        [RoleName.User] = [Permissions.Account.ManageSelf],
        [RoleName.Admin] = [Permissions.Account.ManageSelf, Permissions.Users.Read, Permissions.Users.Manage],
    };

    public static bool Grants(string role, string permission) =>
        s_grants.TryGetValue(role, out var granted) && Array.IndexOf(granted, permission) >= 0;

    public static bool AnyGrants(IEnumerable<string> roles, string permission)
    {
        foreach (var role in roles)
        {
            if (Grants(role, permission))
            {
                return true;
            }
        }

        return false;
    }
}
