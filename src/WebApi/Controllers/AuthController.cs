using CleanAuth.Application.Auth.Commands.Login;
using CleanAuth.Application.Auth.Commands.Logout;
using CleanAuth.Application.Auth.Commands.RefreshTokens;
using CleanAuth.Application.Auth.Dtos;
using CleanAuth.Application.Auth.Errors;
using CleanAuth.Application.Users.Commands.RegisterUser;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.WebApi.Contracts.Auth;
using CleanAuth.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CleanAuth.WebApi.Controllers;

/// <summary>Registration, login, token refresh and logout.</summary>
[Route("api/v1/auth")]
public sealed class AuthController : ApiControllerBase
{
    private const string PasswordGrant = "password";

    public AuthController(IMediator mediator)
        : base(mediator)
    {
    }

    /// <summary>Create an account.</summary>
    /// <response code="201">The new user.</response>
    /// <response code="409">The email (EMAIL_TAKEN) or username (USERNAME_TAKEN) is taken.</response>
    /// <response code="422">A field is invalid (VALIDATION_FAILED); each rejected password rule is listed.</response>
    [HttpPost("register")]
    [AllowAnonymous]
    [Consumes("application/json")]
    [ProducesResponseType<UserDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> Register(RegisterRequest body, CancellationToken cancellationToken)
    {
        var result = await Mediator.Send(new RegisterUserCommand(body.Email, body.Username, body.Password, body.FullName), cancellationToken);
        return ToActionResult(result, user => Created("/api/v1/users/me", user));
    }

    /// <summary>Log in with an email or a username and the password.</summary>
    /// <response code="200">A new session's token pair.</response>
    /// <response code="401">Wrong password or unknown account (INVALID_CREDENTIALS): one answer for both.</response>
    /// <response code="403">The account is deactivated (ACCOUNT_INACTIVE).</response>
    [HttpPost("login")]
    [AllowAnonymous]
    [Consumes("application/json")]
    [ProducesResponseType<TokenPairDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, ApiProblems.ContentType)]
    public Task<IActionResult> Login(LoginRequest body, CancellationToken cancellationToken) =>
        LoginAsync(body.Email, body.Username, body.Password, cancellationToken);

    /// <summary>OAuth2 password flow: form fields <c>username</c> (an email or a username) and <c>password</c>.</summary>
    /// <response code="200">A new session's token pair.</response>
    /// <response code="400">A grant_type other than "password" (UNSUPPORTED_GRANT_TYPE).</response>
    /// <response code="401">Wrong password or unknown account (INVALID_CREDENTIALS).</response>
    [HttpPost("login-form")]
    [AllowAnonymous]
    [Consumes("application/x-www-form-urlencoded", "multipart/form-data")]
    [ProducesResponseType<TokenPairDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public Task<IActionResult> LoginForm(
        [FromForm(Name = "username")] string? username,
        [FromForm(Name = "password")] string? password,
        [FromForm(Name = "grant_type")] string? grantType,
        CancellationToken cancellationToken)
    {
        if (grantType is not null && grantType != PasswordGrant)
        {
            return Task.FromResult(ApiProblems.FromError(this, AuthErrors.UnsupportedGrantType));
        }

        var isEmail = username?.Contains('@', StringComparison.Ordinal) == true;
        return LoginAsync(isEmail ? username : null, isEmail ? null : username, password, cancellationToken);
    }

    /// <summary>Exchange a refresh token for a new pair. The presented token is rotated; replaying a rotated token ends the session.</summary>
    /// <response code="200">The new token pair.</response>
    /// <response code="401">The refresh token is unknown, rotated, expired or revoked (INVALID_TOKEN).</response>
    [HttpPost("refresh")]
    [AllowAnonymous]
    [Consumes("application/json")]
    [ProducesResponseType<TokenPairDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> Refresh(RefreshRequest body, CancellationToken cancellationToken)
    {
        var result = await Mediator.Send(new RefreshTokensCommand(body.RefreshToken), cancellationToken);
        return ToActionResult(result, TokenResponse);
    }

    /// <summary>End the current session: its access and refresh tokens stop working at once.</summary>
    /// <response code="204">The session is revoked.</response>
    /// <response code="401">The access token is missing, invalid or revoked (INVALID_TOKEN).</response>
    [HttpPost("logout")]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
    public async Task<IActionResult> Logout([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] LogoutRequest? body, CancellationToken cancellationToken)
    {
        await Mediator.Send(new LogoutCommand(body?.RefreshToken), cancellationToken);
        return NoContent();
    }

    private async Task<IActionResult> LoginAsync(string? email, string? username, string? password, CancellationToken cancellationToken)
    {
        var command = new LoginCommand(email, username, password, HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent.ToString());
        var result = await Mediator.Send(command, cancellationToken);
        return ToActionResult(result, TokenResponse);
    }

    private OkObjectResult TokenResponse(TokenPairDto tokens)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        return Ok(tokens);
    }
}
