using System.Collections.Frozen;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Security;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence.Roles;

/// <summary>
/// The <c>roles</c> and <c>role_permissions</c> tables, read once at start-up (<see cref="LoadAsync"/>, from
/// <c>PrepareDatabaseAsync</c>) into frozen sets: a check is two hash lookups per role, with no allocation and no
/// database round trip. Nothing edits the tables at run time, so the copy does not go stale.
/// </summary>
internal sealed class RoleCatalog : IRoleCatalog
{
    private volatile FrozenDictionary<string, FrozenSet<string>>? _grants;

    /// <summary>The roles and their permissions, as loaded (for tests and diagnostics).</summary>
    public IReadOnlyDictionary<string, FrozenSet<string>> Snapshot => Loaded;

    private FrozenDictionary<string, FrozenSet<string>> Loaded =>
        _grants ?? throw new InvalidOperationException("The role catalog has not been loaded: PrepareDatabaseAsync loads it at start-up.");

    public bool Exists(string role) => Loaded.ContainsKey(role);

    public bool Grants(IReadOnlyList<string> roles, string permission)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var grants = Loaded;
        for (var i = 0; i < roles.Count; i++)
        {
            if (grants.TryGetValue(roles[i], out var granted) && granted.Contains(permission))
            {
                return true;
            }
        }

        return false;
    }

    public IReadOnlyList<RoleDto> List() =>
        [.. Loaded.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new RoleDto(r.Key, [.. r.Value.Order(StringComparer.Ordinal)]))];

    /// <summary>Reads the tables into memory, replacing what was loaded before.</summary>
    public async Task LoadAsync(CleanAuthDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var roles = await db.Set<RoleRecord>().AsNoTracking().Select(r => r.Name).ToListAsync(cancellationToken);
        var grants = await db.Set<RolePermissionRecord>().AsNoTracking().ToListAsync(cancellationToken);
        _grants = roles.ToFrozenDictionary(
            role => role,
            role => grants.Where(g => g.Role == role).Select(g => g.Permission).ToFrozenSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }
}
