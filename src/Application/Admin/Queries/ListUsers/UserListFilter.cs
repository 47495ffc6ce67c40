namespace CleanAuth.Application.Admin.Queries.ListUsers;

/// <summary>
/// What the admin user list selects; a null field does not filter. <see cref="Search"/> is the text as given (the
/// specification trims and normalizes it); <see cref="HasLoggedIn"/> is not a parameter of the API but splits the
/// last-login order into its two index-friendly halves.
/// </summary>
public sealed record UserListFilter(
    string? Search = null, string? Role = null, bool? IsActive = null, bool? EmailVerified = null, bool? HasLoggedIn = null);
