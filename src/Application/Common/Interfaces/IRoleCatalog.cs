using CleanAuth.Application.Common.Security;

namespace CleanAuth.Application.Common.Interfaces;

/// <summary>
/// The roles and what each grants, read once at start-up from the database (the <c>roles</c> and
/// <c>role_permissions</c> tables) and held in memory: asking it costs no database round trip and allocates nothing.
/// Unknown roles grant nothing.
/// </summary>
public interface IRoleCatalog
{
    /// <summary>Whether <paramref name="role"/> is one of the catalog's roles.</summary>
    bool Exists(string role);

    /// <summary>Whether any of <paramref name="roles"/> grants <paramref name="permission"/>.</summary>
    bool Grants(IReadOnlyList<string> roles, string permission);

    /// <summary>Every role with the permissions it grants: roles, and each role's permissions, in ordinal order.</summary>
    IReadOnlyList<RoleDto> List();
}
