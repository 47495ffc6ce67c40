using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Contracts.Admin;

/// <summary>
/// The user list's query parameters, bound as text so that no value fails model binding: the use case's validator
/// answers 422 VALIDATION_FAILED for a value it refuses, keyed by the parameter. Unknown parameters are ignored.
/// </summary>
public sealed record ListUsersRequest
{
    /// <summary>Page number, from 1 (default 1).</summary>
    [FromQuery(Name = "page")]
    public string? Page { get; init; }

    /// <summary>Items per page, 1 to 100 (default 20).</summary>
    [FromQuery(Name = "page_size")]
    public string? PageSize { get; init; }

    /// <summary>Case-insensitive text to find in the email or username (trimmed, at most 100 characters; '%' and '_' match only themselves).</summary>
    [FromQuery(Name = "search")]
    public string? Search { get; init; }

    /// <summary>Only holders of this role (an existing role).</summary>
    [FromQuery(Name = "role")]
    public string? Role { get; init; }

    /// <summary>true or false: only active, or only inactive, accounts.</summary>
    [FromQuery(Name = "is_active")]
    public string? IsActive { get; init; }

    /// <summary>true or false: only accounts whose email is verified, or is not.</summary>
    [FromQuery(Name = "email_verified")]
    public string? EmailVerified { get; init; }

    /// <summary>created_at (default), email, username or last_login_at. Email and username sort case-insensitively; never-logged-in accounts come last in both orders of last_login_at; ties go by id.</summary>
    [FromQuery(Name = "sort_by")]
    public string? SortBy { get; init; }

    /// <summary>desc (default) or asc.</summary>
    [FromQuery(Name = "sort_order")]
    public string? SortOrder { get; init; }
}
