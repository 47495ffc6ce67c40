using CleanAuth.Application.Auditing.Dtos;
using CleanAuth.Application.Auditing.Queries.ListSecurityEvents;
using CleanAuth.Application.Common.Paging;
using CleanAuth.Application.Users.Commands.DeactivateAccount;
using CleanAuth.Application.Users.Commands.UpdateProfile;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.Application.Users.Queries.GetCurrentUser;
using CleanAuth.WebApi.Contracts.Users;
using CleanAuth.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Controllers;

/// <summary>The signed-in user's account.</summary>
[Route("api/v1/users")]
public sealed class UsersController(IMediator mediator) : ApiControllerBase(mediator)
{
    /// <summary>The signed-in user.</summary>
    /// <response code="200">The user.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    [HttpGet("me")]
    [ProducesResponseType<UserDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    public async Task<UserDto> Me(CancellationToken cancellationToken) =>
        await Mediator.Send(new GetCurrentUserQuery(), cancellationToken);

    /// <summary>The signed-in user's own audit entries (logins, password and email changes, …), newest first.</summary>
    /// <response code="200">The page: items, total, page, page_size and pages; only entries about the caller.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    /// <response code="422">page or page_size is not a valid number (VALIDATION_FAILED), keyed by parameter.</response>
    [HttpGet("me/security-events")]
    [ProducesResponseType<PageDto<AuditLogEntryDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<PageDto<AuditLogEntryDto>> SecurityEvents([FromQuery] SecurityEventsRequest query, CancellationToken cancellationToken) =>
        await Mediator.Send(new ListSecurityEventsQuery(query.Page, query.PageSize), cancellationToken);

    /// <summary>Change the username, full name or email. A new email stays pending until confirmed from the link mailed to it.</summary>
    /// <response code="200">The user, with <c>pending_email</c> while a change awaits confirmation.</response>
    /// <response code="400">The current password is wrong (INVALID_CREDENTIALS).</response>
    /// <response code="409">The username (USERNAME_TAKEN) or email (EMAIL_TAKEN) is taken.</response>
    /// <response code="422">A field is invalid, or the current password is missing for an email change (VALIDATION_FAILED).</response>
    [HttpPut("me")]
    [Consumes("application/json")]
    [ProducesResponseType<UserDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> UpdateMe(UpdateProfileRequest body, CancellationToken cancellationToken) =>
        ToActionResult(
            await Mediator.Send(new UpdateProfileCommand(body.Username, body.FullName, body.Email, body.CurrentPassword), cancellationToken),
            user => Ok(user));

    /// <summary>Delete (deactivate) the account after checking the password; every session ends.</summary>
    /// <response code="204">The account is deactivated.</response>
    /// <response code="400">The password is wrong (INVALID_CREDENTIALS).</response>
    /// <response code="409">The caller is the last active administrator (LAST_ADMIN).</response>
    [ShedWhenHashingIsSaturated]
    [HttpDelete("me")]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ApiProblems.ContentType)]
    public async Task<IActionResult> DeleteMe(DeleteAccountRequest body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new DeactivateAccountCommand(body.Password), cancellationToken), _ => NoContent());
}
