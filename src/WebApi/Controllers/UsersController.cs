using CleanAuth.Application.Users.Dtos;
using CleanAuth.Application.Users.Queries.GetCurrentUser;
using CleanAuth.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Controllers;

/// <summary>The signed-in user's account.</summary>
[Route("api/v1/users")]
public sealed class UsersController : ApiControllerBase
{
    public UsersController(IMediator mediator)
        : base(mediator)
    {
    }

    /// <summary>The signed-in user.</summary>
    /// <response code="200">The user.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    [HttpGet("me")]
    [ProducesResponseType<UserDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    public async Task<UserDto> Me(CancellationToken cancellationToken) =>
        await Mediator.Send(new GetCurrentUserQuery(), cancellationToken);
}
