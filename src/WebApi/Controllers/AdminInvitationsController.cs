using CleanAuth.Application.Users.Commands.CreateInvitation;
using CleanAuth.WebApi.Contracts.Admin;
using CleanAuth.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Controllers;

/// <summary>Invitations through the admin API: the use case of the <c>invite</c> verb.</summary>
[Route("api/v1/admin/invitations")]
[Tags(ApiTags.Admin)]
public sealed class AdminInvitationsController(IMediator mediator) : ApiControllerBase(mediator)
{
    /// <summary>Create an invitation (invitations:create); its token is in this answer only.</summary>
    /// <remarks>
    /// With an <c>email</c>, the invitation is pinned to it and mailed there, and older invitations to it stop working.
    /// The new account holds exactly <c>roles</c> (non-empty when given, each existing; <c>["user"]</c> when left out).
    /// It expires after <c>Auth:InvitationDays</c> and works in both registration modes.
    /// </remarks>
    /// <response code="201">The invitation: <c>token</c>, <c>email</c> (null when not pinned), <c>roles</c> (sorted), <c>expires_at</c>.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    /// <response code="403">The caller lacks invitations:create (FORBIDDEN).</response>
    /// <response code="409">The email has an account (EMAIL_TAKEN).</response>
    /// <response code="422">The email is invalid, the roles are empty, or one does not exist (VALIDATION_FAILED).</response>
    [HttpPost]
    [Consumes("application/json")]
    [ProducesResponseType<InvitationDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> Create(AdminCreateInvitationRequest body, CancellationToken cancellationToken) =>
        ToActionResult(
            await Mediator.Send(new CreateInvitationCommand(body.Email, body.Roles), cancellationToken),
            invitation => StatusCode(StatusCodes.Status201Created, invitation));
}
