using CleanAuth.Application.Common.Paging;

namespace CleanAuth.Application.Admin.Queries.ListUsers;

/// <summary>
/// What the admin user list selects; a null field does not filter. <see cref="Search"/> is the text as given (the
/// specification trims and normalizes it); <see cref="HasLoggedIn"/> is not a parameter of the API but splits the
/// last-login order into its two index-friendly halves.
/// </summary>
public sealed record UserListFilter(
    string? Search = null, string? Role = null, bool? IsActive = null, bool? EmailVerified = null, bool? HasLoggedIn = null)
{
    /// <summary>
    /// How many accounts the filter selects, from the kept counts, when it filters on the role, the active flag or the
    /// verified flag alone, or not at all; null when only counting the matches can tell.
    /// </summary>
    public long? CountFrom(ListCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (AdminUserListSpec.SearchTerm(Search) is not null || HasLoggedIn is not null)
        {
            return null;
        }

        return (Role, IsActive, EmailVerified) switch
        {
            (null, null, null) => counts.Users,
            ({ } role, null, null) => counts.HoldersOf(role),
            (null, { } active, null) => active ? counts.ActiveUsers : counts.Users - counts.ActiveUsers,
            (null, null, { } verified) => verified ? counts.VerifiedUsers : counts.Users - counts.VerifiedUsers,
            _ => null,
        };
    }
}
