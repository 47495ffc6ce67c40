using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;

namespace CleanAuth.Application.UnitTests.Common;

/// <summary>An in-memory role catalog holding the seeded table (the migrations' seed is proven by an integration test).</summary>
public sealed class FakeRoleCatalog : IRoleCatalog
{
    public static readonly IReadOnlyDictionary<string, string[]> Seeded = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [RoleName.Guest] = [Permissions.Account.ReadSelf],
        [RoleName.User] = [Permissions.Account.ReadSelf, Permissions.Account.ManageSelf],
        [RoleName.Admin] =
        [
            Permissions.Account.ReadSelf, Permissions.Account.ManageSelf, Permissions.Users.Read, Permissions.Users.Write,
            Permissions.Users.Delete, Permissions.Roles.Read, Permissions.Roles.Assign, Permissions.Sessions.Revoke,
            Permissions.Invitations.Create, Permissions.Stats.Read, Permissions.Audit.Read,
        ],
    };

    private readonly IReadOnlyDictionary<string, string[]> _grants;

    public FakeRoleCatalog(IReadOnlyDictionary<string, string[]>? grants = null) => _grants = grants ?? Seeded;

    public bool Exists(string role) => _grants.ContainsKey(role);

    public bool Grants(IReadOnlyList<string> roles, string permission) =>
        roles.Any(r => _grants.TryGetValue(r, out var granted) && granted.Contains(permission, StringComparer.Ordinal));

    public IReadOnlyList<RoleDto> List() =>
        [.. _grants.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new RoleDto(g.Key, [.. g.Value.Order(StringComparer.Ordinal)]))];
}
