using CleanAuth.Application.Admin.Dtos;
using CleanAuth.Application.Admin.Queries.GetUser;
using CleanAuth.Application.Admin.Queries.ListUsers;
using CleanAuth.Application.Common.Paging;
using CleanAuth.WebApi.Contracts.Admin;
using CleanAuth.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Controllers;

/// <summary>Administrators read user accounts.</summary>
[Route("api/v1/admin/users")]
[Tags(ApiTags.Admin)]
public sealed class AdminUsersController(IMediator mediator) : ApiControllerBase(mediator)
{
    /// <summary>A page of users, filtered and sorted (needs users:read).</summary>
    /// <response code="200">The page: items, total, page, page_size and pages (ceil(total / page_size)); a page past the end has no items.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    /// <response code="403">The caller lacks users:read (FORBIDDEN).</response>
    /// <response code="422">A parameter has a value other than those documented (VALIDATION_FAILED), keyed by parameter.</response>
    [HttpGet("")]
    [ProducesResponseType<PageDto<AdminUserDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<PageDto<AdminUserDto>> List([FromQuery] ListUsersRequest query, CancellationToken cancellationToken) =>
        await Mediator.Send(
            new ListUsersQuery(query.Page, query.PageSize, query.Search, query.Role, query.IsActive, query.EmailVerified, query.SortBy, query.SortOrder),
            cancellationToken);

    /// <summary>One user, with its last login and active session count (needs users:read).</summary>
    /// <response code="200">The user.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    /// <response code="403">The caller lacks users:read (FORBIDDEN): decided first, the same answer for any id.</response>
    /// <response code="404">No user has this id (USER_NOT_FOUND); an id that is not a GUID matches no route (NOT_FOUND).</response>
    [HttpGet("{id:guid}")]
    [ProducesResponseType<AdminUserDetailsDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType)]
    public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new GetUserQuery(id), cancellationToken), user => Ok(user));
}
