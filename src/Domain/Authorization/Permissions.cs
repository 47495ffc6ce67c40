namespace CleanAuth.Domain.Authorization;

/// <summary>
/// Every permission a request can require. A request declares one (or declares itself anonymous);
/// roles grant permissions through <see cref="RolePermissions"/>.
/// </summary>
public static class Permissions
{
    public static class Account
    {
        /// <summary>Read and manage one's own profile, sessions and credentials.</summary>
        public const string ManageSelf = "account:manage_self";
    }

    public static class Users
    {
        public const string Read = "users:read";
        public const string Manage = "users:manage";
    }
}
