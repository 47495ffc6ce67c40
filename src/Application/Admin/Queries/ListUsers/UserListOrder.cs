namespace CleanAuth.Application.Admin.Queries.ListUsers;

/// <summary>The orders of the admin user list; each is total (ties go by id, in the same direction).</summary>
public enum UserListOrder
{
    CreatedAt,

    /// <summary>By the normalized (lower-cased) email, which is unique.</summary>
    Email,

    /// <summary>By the normalized (lower-cased) username, which is unique.</summary>
    Username,

    /// <summary>By the last login; only over accounts that logged in (<see cref="UserListFilter.HasLoggedIn"/>).</summary>
    LastLoginAt,

    Id,
}
