using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Contracts.Admin;

/// <summary>
/// The audit log's query parameters, bound as text so that no value fails model binding: the use case's validator
/// answers 422 VALIDATION_FAILED for a value it refuses, keyed by the parameter. Unknown parameters are ignored.
/// </summary>
public sealed record AuditLogRequest
{
    /// <summary>Page number, from 1 (default 1).</summary>
    [FromQuery(Name = "page")]
    public string? Page { get; init; }

    /// <summary>Items per page, 1 to 100 (default 20).</summary>
    [FromQuery(Name = "page_size")]
    public string? PageSize { get; init; }

    /// <summary>Only entries about this user (a GUID).</summary>
    [FromQuery(Name = "user_id")]
    public string? UserId { get; init; }

    /// <summary>Only entries of this actor (a GUID).</summary>
    [FromQuery(Name = "actor_id")]
    public string? ActorId { get; init; }

    /// <summary>Only entries of this type, e.g. login.failed.</summary>
    [FromQuery(Name = "event_type")]
    public string? EventType { get; init; }

    /// <summary>Only entries at or after this instant: an ISO 8601 date-time with Z or an offset.</summary>
    [FromQuery(Name = "from")]
    public string? From { get; init; }

    /// <summary>Only entries before this instant: an ISO 8601 date-time with Z or an offset.</summary>
    [FromQuery(Name = "to")]
    public string? To { get; init; }
}
