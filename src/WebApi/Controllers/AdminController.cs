using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Application.Admin.Queries.GetStats;
using CleanAuth.Application.Admin.Queries.ListRoles;
using CleanAuth.Application.Auditing.Dtos;
using CleanAuth.Application.Auditing.Queries.ListAuditLog;
using CleanAuth.Application.Common.Paging;
using CleanAuth.Application.Common.Security;
using CleanAuth.WebApi.Contracts.Admin;
using CleanAuth.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Controllers;

/// <summary>Administrators read the roles, the figures and the audit log.</summary>
[Route("api/v1/admin")]
[Tags(ApiTags.Admin)]
public sealed class AdminController(IMediator mediator) : ApiControllerBase(mediator)
{
    /// <summary>Every role with the permissions it grants, both sorted (needs roles:read).</summary>
    /// <response code="200">The roles.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    /// <response code="403">The caller lacks roles:read (FORBIDDEN).</response>
    [HttpGet("roles")]
    [ProducesResponseType<IReadOnlyList<RoleDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    public async Task<IReadOnlyList<RoleDto>> Roles(CancellationToken cancellationToken) =>
        await Mediator.Send(new ListRolesQuery(), cancellationToken);

    /// <summary>Account, session and last-24-hour figures (needs stats:read).</summary>
    /// <response code="200">The figures.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    /// <response code="403">The caller lacks stats:read (FORBIDDEN).</response>
    [HttpGet("stats")]
    [ProducesResponseType<StatsDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    public async Task<StatsDto> Stats(CancellationToken cancellationToken) =>
        await Mediator.Send(new GetStatsQuery(), cancellationToken);

    /// <summary>A page of the audit log, newest first, optionally filtered (needs audit:read).</summary>
    /// <response code="200">The page: items, total, page, page_size and pages; each entry's details is a JSON object.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    /// <response code="403">The caller lacks audit:read (FORBIDDEN).</response>
    /// <response code="422">A parameter has a value other than those documented (VALIDATION_FAILED), keyed by parameter; a date-time without Z or an offset is refused.</response>
    [HttpGet("audit-log")]
    [ProducesResponseType<PageDto<AuditLogEntryDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<PageDto<AuditLogEntryDto>> AuditLog([FromQuery] AuditLogRequest query, CancellationToken cancellationToken) =>
        await Mediator.Send(new ListAuditLogQuery(query.Page, query.PageSize, query.UserId, query.ActorId, query.EventType, query.From, query.To), cancellationToken);
}
