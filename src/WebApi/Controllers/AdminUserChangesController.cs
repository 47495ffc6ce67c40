using CleanAuth.Application.Admin.Commands.ActivateUser;
using CleanAuth.Application.Admin.Commands.DeactivateUser;
using CleanAuth.Application.Admin.Commands.DeleteUser;
using CleanAuth.Application.Admin.Commands.ReplaceUserRoles;
using CleanAuth.Application.Admin.Commands.RevokeUserSessions;
using CleanAuth.Application.Admin.Commands.UpdateUser;
using CleanAuth.Application.Admin.Dtos;
using CleanAuth.WebApi.Contracts.Admin;
using CleanAuth.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Controllers;

/// <summary>
/// The admin API's changes to one account. A caller without the route's permission gets 403 FORBIDDEN whether or not
/// the account exists; an id that is not a GUID is 404.
/// </summary>
[Route("api/v1/admin/users")]
[Tags(ApiTags.Admin)]
public sealed class AdminUserChangesController(IMediator mediator) : ApiControllerBase(mediator)
{
    /// <summary>Change an account's username, email, full name or verified flag (users:write).</summary>
    /// <remarks>
    /// Fields left out or null stay as they are; an empty full name clears it; other fields (roles, is_active, password, …)
    /// have no effect. A new email applies at once: the pending one is dropped, links mailed to the old address stop
    /// working, the old address is told, and the new one is unverified unless <c>email_verified</c> is true.
    /// </remarks>
    /// <response code="200">The account as administrators see it.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    /// <response code="403">The caller lacks users:write (FORBIDDEN).</response>
    /// <response code="404">No account has this id (USER_NOT_FOUND).</response>
    /// <response code="409">Another account has the email (EMAIL_TAKEN) or the username (USERNAME_TAKEN).</response>
    /// <response code="422">A field is invalid (VALIDATION_FAILED).</response>
    [HttpPut("{id:guid}")]
    [Consumes("application/json")]
    [ProducesResponseType<AdminUserDetailsDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> Update(Guid id, AdminUpdateUserRequest body, CancellationToken cancellationToken) =>
        ToActionResult(
            await Mediator.Send(new UpdateUserCommand(id, body.Username, body.Email, body.FullName, body.EmailVerified), cancellationToken),
            user => Ok(user));

    /// <summary>Delete an account for good (users:delete).</summary>
    /// <remarks>
    /// Its roles, sessions (their tokens stop at once) and mailed links go with it, and invitations pinned to its
    /// address are retired; its email and username are free again; its audit entries stay.
    /// </remarks>
    /// <response code="204">The account is gone.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    /// <response code="403">The caller lacks users:delete (FORBIDDEN).</response>
    /// <response code="404">No account has this id (USER_NOT_FOUND).</response>
    /// <response code="409">It is the last active administrator (LAST_ADMIN), the caller's own account (CANNOT_MODIFY_SELF), or its credentials changed meanwhile (CONCURRENT_CHANGE).</response>
    [HttpDelete("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ApiProblems.ContentType)]
    public async Task<IActionResult> Delete(Guid id, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new DeleteUserCommand(id), cancellationToken), _ => NoContent());

    /// <summary>Let an inactive account log in again (users:write).</summary>
    /// <remarks>Also an account its owner deleted. Sessions revoked when it stopped stay revoked. Already active: 204, nothing changes.</remarks>
    /// <response code="204">The account is active.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    /// <response code="403">The caller lacks users:write (FORBIDDEN).</response>
    /// <response code="404">No account has this id (USER_NOT_FOUND).</response>
    /// <response code="409">The account's credentials changed meanwhile; try again (CONCURRENT_CHANGE).</response>
    [HttpPost("{id:guid}/activate")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ApiProblems.ContentType)]
    public async Task<IActionResult> Activate(Guid id, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new ActivateUserCommand(id), cancellationToken), _ => NoContent());

    /// <summary>Deactivate an account (users:write): it cannot log in, and every session ends at once.</summary>
    /// <remarks>Its access and refresh tokens are refused from the next request; a login answers 403 ACCOUNT_INACTIVE. Already inactive: 204, nothing changes.</remarks>
    /// <response code="204">The account is inactive.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    /// <response code="403">The caller lacks users:write (FORBIDDEN).</response>
    /// <response code="404">No account has this id (USER_NOT_FOUND).</response>
    /// <response code="409">It is the last active administrator (LAST_ADMIN), the caller's own account (CANNOT_MODIFY_SELF), or its credentials changed meanwhile (CONCURRENT_CHANGE).</response>
    [HttpPost("{id:guid}/deactivate")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ApiProblems.ContentType)]
    public async Task<IActionResult> Deactivate(Guid id, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new DeactivateUserCommand(id), cancellationToken), _ => NoContent());

    /// <summary>Replace an account's roles (roles:assign).</summary>
    /// <remarks>The set is non-empty and each role exists; the same set changes nothing.</remarks>
    /// <response code="200">The account as administrators see it, with its new roles.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    /// <response code="403">The caller lacks roles:assign (FORBIDDEN).</response>
    /// <response code="404">No account has this id (USER_NOT_FOUND).</response>
    /// <response code="409">It would demote the last active administrator (LAST_ADMIN), or they are the caller's own roles (CANNOT_MODIFY_SELF).</response>
    /// <response code="422">No roles, or one that does not exist (VALIDATION_FAILED).</response>
    [HttpPut("{id:guid}/roles")]
    [Consumes("application/json")]
    [ProducesResponseType<AdminUserDetailsDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> ReplaceRoles(Guid id, AdminReplaceRolesRequest body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new ReplaceUserRolesCommand(id, body.Roles), cancellationToken), user => Ok(user));

    /// <summary>Sign an account out everywhere (sessions:revoke): every session ends at once.</summary>
    /// <remarks>Its access and refresh tokens are refused from the next request; the account itself is unchanged and may log in again.</remarks>
    /// <response code="204">Every session of the account is revoked.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    /// <response code="403">The caller lacks sessions:revoke (FORBIDDEN).</response>
    /// <response code="404">No account has this id (USER_NOT_FOUND).</response>
    [HttpDelete("{id:guid}/sessions")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType)]
    public async Task<IActionResult> RevokeSessions(Guid id, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new RevokeUserSessionsCommand(id), cancellationToken), _ => NoContent());
}
