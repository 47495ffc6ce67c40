using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Contracts.Users;

/// <summary>
/// Paging of the caller's security events, bound as text: the use case's validator answers 422 VALIDATION_FAILED for a
/// value it refuses, keyed by the parameter. Other parameters are ignored.
/// </summary>
public sealed record SecurityEventsRequest
{
    /// <summary>Page number, from 1 (default 1).</summary>
    [FromQuery(Name = "page")]
    public string? Page { get; init; }

    /// <summary>Items per page, 1 to 100 (default 20).</summary>
    [FromQuery(Name = "page_size")]
    public string? PageSize { get; init; }
}
