using CleanAuth.Application.Auth.Commands.Login;
using CleanAuth.Application.Auth.Commands.Logout;
using CleanAuth.Application.Auth.Commands.LogoutAll;
using CleanAuth.Application.Auth.Commands.RefreshTokens;
using CleanAuth.Application.Auth.Dtos;
using CleanAuth.Application.Auth.Errors;
using CleanAuth.Application.Users.Commands.RegisterUser;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.WebApi.Contracts.Authentication;
using CleanAuth.WebApi.Contracts.Common;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.Services;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CleanAuth.WebApi.Controllers;

/// <summary>Registration, login, token refresh and logout.</summary>
[Route("api/v1/auth")]
[Tags(ApiTags.Auth)]
public sealed class AuthenticationController(IMediator mediator) : ApiControllerBase(mediator)
{
    private const string PasswordGrant = "password";
    private static readonly AcceptedDto s_registrationAccepted = new("Check your inbox to finish creating your account.");

    /// <summary>Create an account. A verification link is mailed to the address.</summary>
    /// <response code="201">The new user.</response>
    /// <response code="202">Accepted (when the service is configured not to reveal registered emails: the same answer for new and taken addresses).</response>
    /// <response code="400">The invitation is invalid, used or for another address (INVALID_TOKEN).</response>
    /// <response code="403">Registration is invite-only and no invitation was given (INVITATION_REQUIRED).</response>
    /// <response code="409">The email (EMAIL_TAKEN) or username (USERNAME_TAKEN) is taken.</response>
    /// <response code="422">A field is invalid (VALIDATION_FAILED); each rejected password rule is listed.</response>
    /// <response code="429">Too many requests from this client to this route (RATE_LIMITED); see Retry-After.</response>
    [ShedWhenHashingIsSaturated]
    [HttpPost("register")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Auth)]
    [Consumes("application/json")]
    [ProducesResponseType<UserDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<AcceptedDto>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> Register(RegisterRequest body, CancellationToken cancellationToken)
    {
        var result = await Mediator.Send(new RegisterUserCommand(body.Email, body.Username, body.Password, body.FullName, body.InviteToken), cancellationToken);
        return ToActionResult(result, registration => registration.User is { } user
            ? Created("/api/v1/users/me", user)
            : Accepted(s_registrationAccepted));
    }

    /// <summary>Log in with an email or a username and the password.</summary>
    /// <response code="200">A new session's token pair (in cookie mode without refresh_token: the cookie carries it).</response>
    /// <response code="401">Wrong password or unknown account (INVALID_CREDENTIALS): one answer for both. When the service does not reveal registered emails, an account whose email is not verified gets this same answer (verify it from the mailed link, or reset the password).</response>
    /// <response code="403">The account is deactivated (ACCOUNT_INACTIVE) or its email is not verified (EMAIL_NOT_VERIFIED, when required).</response>
    /// <response code="429">Too many consecutive failures for this identifier (LOGIN_THROTTLED), or too many requests from this client to this route (RATE_LIMITED); see Retry-After.</response>
    [ShedWhenHashingIsSaturated]
    [HttpPost("login")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Auth)]
    [RefreshTokenCookie(RefreshTokenCookieUse.Issue)]
    [Consumes("application/json")]
    [ProducesResponseType<TokenPairDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, ApiProblems.ContentType)]
    public async Task<IActionResult> Login(LoginRequest body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new LoginCommand(body.Email, body.Username, body.Password, ClientIp, ClientUserAgent), cancellationToken), TokenResponse);

    /// <summary>OAuth2 password flow: form fields <c>username</c> (an email or a username) and <c>password</c>.</summary>
    /// <response code="200">A new session's token pair (in cookie mode without refresh_token: the cookie carries it).</response>
    /// <response code="400">A grant_type other than "password" (UNSUPPORTED_GRANT_TYPE).</response>
    /// <response code="401">Wrong password or unknown account (INVALID_CREDENTIALS); also an unverified email while registered emails are not revealed.</response>
    /// <response code="429">Too many requests from this client to this route (RATE_LIMITED); see Retry-After.</response>
    [ShedWhenHashingIsSaturated]
    [HttpPost("login-form")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Auth)]
    [RefreshTokenCookie(RefreshTokenCookieUse.Issue)]
    [Consumes("application/x-www-form-urlencoded", "multipart/form-data")]
    [ProducesResponseType<TokenPairDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> LoginForm([FromForm] LoginFormRequest form, CancellationToken cancellationToken) =>
        form.GrantType is not null && form.GrantType != PasswordGrant
            ? ApiProblems.FromError(this, AuthErrors.UnsupportedGrantType)
            : ToActionResult(await Mediator.Send(LoginCommand.ForIdentifier(form.Username, form.Password, ClientIp, ClientUserAgent), cancellationToken), TokenResponse);

    /// <summary>Exchange a refresh token for a new pair. The presented token is rotated; replaying a rotated token ends the session.</summary>
    /// <remarks>
    /// In cookie mode the body may be empty (or leave refresh_token out): then the __Host-refresh_token cookie is used,
    /// and only with the header X-CSRF: 1 and an Origin listed in Cors:AllowedOrigins (and no Sec-Fetch-Site: cross-site).
    /// A refresh_token in the body works as elsewhere, without those headers.
    /// </remarks>
    /// <response code="200">The new token pair (in cookie mode without refresh_token: the cookie carries it).</response>
    /// <response code="401">The refresh token is unknown, rotated, expired or revoked, or (in cookie mode) neither the body nor the cookie has one (INVALID_TOKEN).</response>
    /// <response code="403">Cookie mode: the cookie came without the CSRF proof (CSRF_CHECK_FAILED); nothing changed and the token is still usable.</response>
    /// <response code="429">Too many requests from this client to this route (RATE_LIMITED); see Retry-After.</response>
    [HttpPost("refresh")]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Refresh)]
    [RefreshTokenCookie(RefreshTokenCookieUse.Refresh)]
    [Consumes("application/json")]
    [ProducesResponseType<TokenPairDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    // In cookie mode, a body without a token gets the cookie's from [RefreshTokenCookie], once its CSRF check passed.
    public async Task<IActionResult> Refresh([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RefreshRequest? body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new RefreshTokensCommand(body?.RefreshToken), cancellationToken), TokenResponse);

    /// <summary>End the current session: its access and refresh tokens stop working at once.</summary>
    /// <response code="204">The session is revoked (in cookie mode the cookie is expired).</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    [HttpPost("logout")]
    [RefreshTokenCookie(RefreshTokenCookieUse.Expire)]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    public async Task<IActionResult> Logout([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] LogoutRequest? body, CancellationToken cancellationToken)
    {
        await Mediator.Send(new LogoutCommand(body?.RefreshToken), cancellationToken);
        return NoContent();
    }

    /// <summary>End every session of the caller, this one included.</summary>
    /// <response code="204">All sessions are revoked (in cookie mode the cookie is expired).</response>
    [HttpPost("logout-all")]
    [RefreshTokenCookie(RefreshTokenCookieUse.Expire)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    public async Task<IActionResult> LogoutAll(CancellationToken cancellationToken)
    {
        await Mediator.Send(new LogoutAllCommand(), cancellationToken);
        return NoContent();
    }

    private string? ClientIp => HttpRequestContext.ClientIpAddress(HttpContext);

    private string? ClientUserAgent => HttpRequestContext.ClientUserAgent(HttpContext);
}
