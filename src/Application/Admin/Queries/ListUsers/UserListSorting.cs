using System.Collections.Frozen;

namespace CleanAuth.Application.Admin.Queries.ListUsers;

/// <summary>The values of the user list's <c>sort_by</c> and <c>sort_order</c> parameters.</summary>
public static class UserListSorting
{
    public const string DefaultField = "created_at";
    public const string Ascending = "asc";
    public const string Descending = "desc";

    public static readonly FrozenDictionary<string, UserListOrder> Fields = new Dictionary<string, UserListOrder>(StringComparer.Ordinal)
    {
        [DefaultField] = UserListOrder.CreatedAt,
        ["email"] = UserListOrder.Email,
        ["username"] = UserListOrder.Username,
        ["last_login_at"] = UserListOrder.LastLoginAt,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenSet<string> FieldNames = Fields.Keys.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> Orders = FrozenSet.Create(StringComparer.Ordinal, Ascending, Descending);
}
