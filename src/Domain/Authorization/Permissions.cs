namespace CleanAuth.Domain.Authorization;

/// <summary>
/// Every permission a request can require. A request declares one (or declares itself anonymous); which roles grant
/// which permissions is data (the <c>roles</c> and <c>role_permissions</c> tables), read once at start-up (ADR-006).
/// </summary>
public static class Permissions
{
    public static class Account
    {
        /// <summary>See one's own profile and sessions, and sign out.</summary>
        public const string ReadSelf = "account:read_self";

        /// <summary>Change one's own account: password, email, profile, deletion.</summary>
        public const string ManageSelf = "account:manage_self";
    }

    public static class Users
    {
        public const string Read = "users:read";
        public const string Write = "users:write";
        public const string Delete = "users:delete";
    }

    public static class Roles
    {
        public const string Read = "roles:read";
        public const string Assign = "roles:assign";
    }

    public static class Sessions
    {
        public const string Revoke = "sessions:revoke";
    }

    public static class Invitations
    {
        public const string Create = "invitations:create";
    }

    public static class Stats
    {
        public const string Read = "stats:read";
    }

    public static class Audit
    {
        public const string Read = "audit:read";
    }
}
