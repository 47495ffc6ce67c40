using Ardalis.Specification;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Admin.Queries.ListUsers;

/// <summary>
/// The admin user list: which accounts (<see cref="UserListFilter"/>), in which order, and which window of them. Every
/// order is total and served by an index: <c>(created_at, id)</c>, the unique normalized email and username, and
/// <c>(last_login_at, id)</c> over the accounts that logged in (so that never-logged-in accounts can come last in both
/// directions without sorting the table, the handler lists them separately, by id).
/// </summary>
public sealed class AdminUserListSpec : Specification<User>
{
    /// <summary>The longest search text, once trimmed.</summary>
    public const int MaxSearchLength = 100;

    /// <summary>The accounts the filter selects, unordered (for counting).</summary>
    public AdminUserListSpec(UserListFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (SearchTerm(filter.Search) is { } term)
        {
            // A substring match, translated to strpos/instr or an escaped LIKE: '%' and '_' match only themselves.
            Query.Where(u => u.NormalizedEmail.Contains(term) || u.NormalizedUsername.Contains(term));
        }

        if (filter.Role is { } role)
        {
            Query.Where(u => u.Roles.Any(r => r.Role == role));
        }

        if (filter.IsActive is { } isActive)
        {
            Query.Where(u => u.IsActive == isActive);
        }

        if (filter.EmailVerified is { } emailVerified)
        {
            Query.Where(u => u.EmailVerified == emailVerified);
        }

        if (filter.HasLoggedIn == true)
        {
            Query.Where(u => u.LastLoginAt != null);
        }
        else if (filter.HasLoggedIn == false)
        {
            Query.Where(u => u.LastLoginAt == null);
        }
    }

    /// <summary><paramref name="take"/> of the selected accounts in <paramref name="order"/>, after the first <paramref name="skip"/>.</summary>
    public AdminUserListSpec(UserListFilter filter, UserListOrder order, bool descending, int skip, int take)
        : this(filter)
    {
        if (order == UserListOrder.LastLoginAt && filter.HasLoggedIn != true)
        {
            throw new ArgumentException("The last-login order covers only accounts that logged in.", nameof(filter));
        }

        switch (order, descending)
        {
            case (UserListOrder.CreatedAt, false):
                Query.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id);
                break;
            case (UserListOrder.CreatedAt, true):
                Query.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id);
                break;
            case (UserListOrder.Email, false):
                Query.OrderBy(u => u.NormalizedEmail);
                break;
            case (UserListOrder.Email, true):
                Query.OrderByDescending(u => u.NormalizedEmail);
                break;
            case (UserListOrder.Username, false):
                Query.OrderBy(u => u.NormalizedUsername);
                break;
            case (UserListOrder.Username, true):
                Query.OrderByDescending(u => u.NormalizedUsername);
                break;
            case (UserListOrder.LastLoginAt, false):
                Query.OrderBy(u => u.LastLoginAt).ThenBy(u => u.Id);
                break;
            case (UserListOrder.LastLoginAt, true):
                Query.OrderByDescending(u => u.LastLoginAt).ThenByDescending(u => u.Id);
                break;
            case (UserListOrder.Id, false):
                Query.OrderBy(u => u.Id);
                break;
            case (UserListOrder.Id, true):
                Query.OrderByDescending(u => u.Id);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(order), order, null);
        }

        Query.Skip(skip).Take(take);
    }

    /// <summary>
    /// The search text as the normalized columns hold text: trimmed, and lower-cased when it is ASCII (as emails and
    /// usernames are; other text is left as it is and matches nothing, like a look-up). Null when nothing is left.
    /// </summary>
    public static string? SearchTerm(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return null;
        }

        var trimmed = search.Trim();
        return System.Text.Ascii.IsValid(trimmed) ? trimmed.ToLowerInvariant() : trimmed;
    }
}
