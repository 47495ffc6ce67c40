using CleanAuth.Application.Auth.Dtos;
using CleanAuth.Application.Common.Results;
using CleanAuth.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Controllers;

/// <summary>
/// Base of every controller: JSON in and out, authenticated by default, the mediator injected. Routes sit under /api/v1;
/// any of them may answer 429 RATE_LIMITED (<see cref="RateLimits"/>).
/// </summary>
[ApiController]
[Authorize]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status500InternalServerError, "application/problem+json")]
public abstract class ApiControllerBase : ControllerBase
{
    protected ApiControllerBase(IMediator mediator) => Mediator = mediator;

    protected IMediator Mediator { get; }

    /// <summary>The success value as <paramref name="onSuccess"/> shapes it, or the failure as ProblemDetails.</summary>
    protected IActionResult ToActionResult<T>(Result<T> result, Func<T, IActionResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value) : ApiProblems.FromError(this, result.Error!);

    /// <summary>A token pair: 200, never stored by a cache.</summary>
    protected OkObjectResult TokenResponse(TokenPairDto tokens)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        return Ok(tokens);
    }
}
