using CleanAuth.Application.Auth.Commands.ChangePassword;
using CleanAuth.Application.Auth.Commands.ConfirmPasswordReset;
using CleanAuth.Application.Auth.Commands.RequestPasswordReset;
using CleanAuth.WebApi.Contracts.Common;
using CleanAuth.WebApi.Contracts.Passwords;
using CleanAuth.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CleanAuth.WebApi.Controllers;

/// <summary>Change a known password, or reset a forgotten one from a mailed link.</summary>
[Route("api/v1/auth")]
[Tags(ApiTags.Auth)]
public sealed class PasswordsController(IMediator mediator) : ApiControllerBase(mediator)
{
    private static readonly AcceptedDto s_resetAccepted = new("If that address has an account, a link to reset its password is on its way.");

    /// <summary>Change the password. Every other session ends; this one stays.</summary>
    /// <response code="204">Changed; a notice is mailed.</response>
    /// <response code="400">The current password is wrong (INVALID_CREDENTIALS), or a concurrent change won.</response>
    /// <response code="422">The new password is refused (VALIDATION_FAILED), with the reasons.</response>
    [ShedWhenHashingIsSaturated]
    [HttpPost("password-change")]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> ChangePassword(ChangePasswordRequest body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new ChangePasswordCommand(body.CurrentPassword, body.NewPassword), cancellationToken), _ => NoContent());

    /// <summary>Ask for a password-reset link. The answer is the same whether or not the address has an account.</summary>
    /// <response code="429">Too many requests from this client to this route (RATE_LIMITED); see Retry-After.</response>
    [HttpPost("password-reset-request")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Auth)]
    [Consumes("application/json")]
    [ProducesResponseType<AcceptedDto>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> RequestPasswordReset(PasswordResetRequest body, CancellationToken cancellationToken)
    {
        await Mediator.Send(new RequestPasswordResetCommand(body.Email), cancellationToken);
        return Accepted(s_resetAccepted);
    }

    /// <summary>Set a new password with the token from a reset link. Every session ends; this does not log in.</summary>
    /// <response code="204">The password is changed.</response>
    /// <response code="400">The token is unknown, used, superseded or expired (INVALID_TOKEN).</response>
    /// <response code="409">The password changed while this request ran (CONCURRENT_CHANGE); the token stays usable.</response>
    /// <response code="422">The new password is refused (VALIDATION_FAILED); the token stays usable.</response>
    /// <response code="429">Too many requests from this client to this route (RATE_LIMITED); see Retry-After.</response>
    [ShedWhenHashingIsSaturated]
    [HttpPost("password-reset-confirm")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Auth)]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> ConfirmPasswordReset(PasswordResetConfirmRequest body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new ConfirmPasswordResetCommand(body.Token, body.NewPassword), cancellationToken), _ => NoContent());
}
