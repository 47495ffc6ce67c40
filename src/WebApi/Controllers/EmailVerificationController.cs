using CleanAuth.Application.Auth.Commands.ConfirmEmailVerification;
using CleanAuth.Application.Auth.Commands.RequestEmailVerification;
using CleanAuth.WebApi.Contracts.Common;
using CleanAuth.WebApi.Contracts.EmailVerification;
using CleanAuth.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CleanAuth.WebApi.Controllers;

/// <summary>Verify an email address from a mailed link.</summary>
[Route("api/v1/auth")]
[Tags(ApiTags.Auth)]
public sealed class EmailVerificationController(IMediator mediator) : ApiControllerBase(mediator)
{
    private static readonly AcceptedDto s_verificationAccepted = new("If your address still needs verifying, a new link is on its way.");

    /// <summary>Mail a new verification link (to a pending new address if there is one); earlier links stop working.</summary>
    /// <response code="429">Too many requests from this client to this route (RATE_LIMITED); see Retry-After.</response>
    [HttpPost("email-verification-request")]
    [EnableRateLimiting(RateLimits.Auth)]
    [ProducesResponseType<AcceptedDto>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    public async Task<IActionResult> RequestEmailVerification(CancellationToken cancellationToken)
    {
        await Mediator.Send(new RequestEmailVerificationCommand(), cancellationToken);
        return Accepted(s_verificationAccepted);
    }

    /// <summary>Confirm an address with the token from a verification link.</summary>
    /// <response code="204">The address is verified, or the pending email change took effect.</response>
    /// <response code="400">The token is unknown, used, superseded or expired (INVALID_TOKEN).</response>
    /// <response code="409">Someone else registered the new address meanwhile (EMAIL_TAKEN).</response>
    /// <response code="429">Too many requests from this client to this route (RATE_LIMITED); see Retry-After.</response>
    [HttpPost("email-verification-confirm")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Auth)]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ApiProblems.ContentType)]
    public async Task<IActionResult> ConfirmEmailVerification(EmailVerificationConfirmRequest body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new ConfirmEmailVerificationCommand(body.Token), cancellationToken), _ => NoContent());
}
