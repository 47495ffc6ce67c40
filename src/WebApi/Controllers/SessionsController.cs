using CleanAuth.Application.Sessions.Commands.RevokeSession;
using CleanAuth.Application.Sessions.Queries.ListSessions;
using CleanAuth.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Controllers;

/// <summary>The caller's sessions: list them, end one.</summary>
[Route("api/v1/auth")]
[Tags(ApiTags.Auth)]
public sealed class SessionsController(IMediator mediator) : ApiControllerBase(mediator)
{
    /// <summary>The caller's live sessions, newest first; <c>current</c> marks this one.</summary>
    [HttpGet("sessions")]
    [ProducesResponseType<IReadOnlyList<SessionDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    public async Task<IReadOnlyList<SessionDto>> Sessions(CancellationToken cancellationToken) =>
        await Mediator.Send(new ListSessionsQuery(), cancellationToken);

    /// <summary>End one of the caller's sessions.</summary>
    /// <response code="204">The session is revoked.</response>
    /// <response code="404">No such session of the caller (SESSION_NOT_FOUND); the same for another user's.</response>
    [HttpDelete("sessions/{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType)]
    public async Task<IActionResult> RevokeSession(Guid id, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new RevokeSessionCommand(id), cancellationToken), _ => NoContent());
}
