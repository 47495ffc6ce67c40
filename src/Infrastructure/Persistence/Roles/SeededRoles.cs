using CleanAuth.Domain.Authorization;

namespace CleanAuth.Infrastructure.Persistence.Roles;

/// <summary>
/// The roles and grants the migrations seed (<c>HasData</c>). Only the migrations read this: at run time the
/// catalog comes from the tables (<see cref="RoleCatalog"/>).
/// </summary>
internal static class SeededRoles
{
    public const int MaxPermissionLength = 64;

    private static readonly string[] s_self = [Permissions.Account.ReadSelf, Permissions.Account.ManageSelf];

    public static IReadOnlyList<(string Role, string[] Permissions)> All { get; } =
    [
        (RoleName.Guest, [Permissions.Account.ReadSelf]),
        (RoleName.User, s_self),
        (RoleName.Admin,
        [
            .. s_self,
            Permissions.Users.Read,
            Permissions.Users.Write,
            Permissions.Users.Delete,
            Permissions.Roles.Read,
            Permissions.Roles.Assign,
            Permissions.Sessions.Revoke,
            Permissions.Invitations.Create,
            Permissions.Stats.Read,
            Permissions.Audit.Read,
        ]),
    ];
}
