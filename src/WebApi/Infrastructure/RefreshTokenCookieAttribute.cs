using CleanAuth.Application.Auth.Dtos;
using CleanAuth.Application.Auth.Errors;
using CleanAuth.Domain.Common;
using CleanAuth.WebApi.Contracts.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>What an action does with the refresh-token cookie in cookie mode.</summary>
public enum RefreshTokenCookieUse
{
    /// <summary>A token pair answer: its refresh token goes into the cookie instead of the body (login, login-form).</summary>
    Issue,

    /// <summary>
    /// As <see cref="Issue"/>; and without a token in the body, the cookie's is used, given a CSRF proof (refresh). A 401
    /// for the cookie's token expires the cookie: it is dead (unknown, expired, or its session revoked), and a browser
    /// would otherwise keep sending it.
    /// </summary>
    Refresh,

    /// <summary>A successful answer expires the cookie (logout, logout-all).</summary>
    Expire,
}

/// <summary>
/// Browser cookie mode (<c>Auth:RefreshTokenCookie:Enabled</c>) on one action; while the mode is off it does nothing
/// (and a cookie sent anyway is ignored). The HTTP side only: the use cases see a refresh token as before.
/// </summary>
/// <remarks>
/// The cookie is <c>__Host-refresh_token</c>, <c>Path=/; Secure; HttpOnly; SameSite=Strict</c>, no <c>Domain</c>, with
/// <c>Max-Age</c> = the seconds until the session ends; the access token never goes in a cookie. A refresh takes the
/// cookie only with a CSRF proof (<see cref="HasCsrfProof"/>): a page of another site can neither read the answer (CORS)
/// nor send the header without a preflight that CORS refuses, and <c>SameSite=Strict</c> keeps the cookie off its
/// requests. A refused refresh (403 <c>CSRF_CHECK_FAILED</c>) never reaches the use case: nothing changes.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RefreshTokenCookieAttribute(RefreshTokenCookieUse use) : Attribute, IFilterFactory
{
    public const string CsrfCheckFailed = "CSRF_CHECK_FAILED";
    public const string SecFetchSiteHeaderName = "Sec-Fetch-Site";

    private static readonly Error s_csrfCheckFailed = new(
        CsrfCheckFailed,
        $"A refresh with the cookie needs the header {RefreshTokenCookieOptions.CsrfHeaderName}: {RefreshTokenCookieOptions.CsrfHeaderValue} from an allowed origin.",
        ErrorKind.Forbidden);

    public RefreshTokenCookieUse Use { get; } = use;

    /// <summary>One filter per action for the app's lifetime: the settings are read once, at start-up.</summary>
    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) => new Filter(
        Use,
        serviceProvider.GetRequiredService<IOptions<RefreshTokenCookieOptions>>().Value.Enabled,
        serviceProvider.GetRequiredService<IOptions<CorsPolicyOptions>>().Value.SerializedOrigins());

    /// <summary>
    /// The proof that a refresh with the cookie comes from a page of an allowed origin: exactly one <c>X-CSRF: 1</c>
    /// (a header no page can send to another origin without a CORS preflight), exactly one <c>Origin</c> that is listed
    /// (compared as browsers serialize it), and no <c>Sec-Fetch-Site: cross-site</c>.
    /// </summary>
    public static bool HasCsrfProof(HttpRequest request, IReadOnlySet<string> allowedOrigins)
    {
        var headers = request.Headers;
        return headers[RefreshTokenCookieOptions.CsrfHeaderName] is [RefreshTokenCookieOptions.CsrfHeaderValue]
            && headers.Origin is [{ } origin] && allowedOrigins.Contains(origin)
            && !headers[SecFetchSiteHeaderName].Any(site => string.Equals(site, "cross-site", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The cookie that carries <paramref name="refreshToken"/> until the session ends.</summary>
    public static void Issue(HttpResponse response, string refreshToken, int secondsUntilSessionEnds) =>
        response.Cookies.Append(RefreshTokenCookieOptions.CookieName, refreshToken, Attributes(TimeSpan.FromSeconds(secondsUntilSessionEnds)));

    /// <summary>The same cookie, expired (an empty value and an <c>Expires</c> in 1970).</summary>
    public static void Expire(HttpResponse response) =>
        response.Cookies.Delete(RefreshTokenCookieOptions.CookieName, Attributes(maxAge: null));

    private static CookieOptions Attributes(TimeSpan? maxAge) => new()
    {
        Path = "/",
        Secure = true,
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        MaxAge = maxAge,
        IsEssential = true,
    };

    private sealed class Filter(RefreshTokenCookieUse use, bool enabled, IReadOnlySet<string> allowedOrigins) : IAsyncActionFilter, IAsyncResultFilter
    {
        public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
        {
            if (enabled && use == RefreshTokenCookieUse.Refresh && !HasBodyToken(context))
            {
                var request = context.HttpContext.Request;
                var cookie = request.Cookies[RefreshTokenCookieOptions.CookieName];
                if (string.IsNullOrEmpty(cookie))
                {
                    context.Result = ApiProblems.FromError((ControllerBase)context.Controller, AuthErrors.InvalidToken);
                    return;
                }

                if (!HasCsrfProof(request, allowedOrigins))
                {
                    context.Result = ApiProblems.FromError((ControllerBase)context.Controller, s_csrfCheckFailed);
                    return;
                }

                // The action's body, as if the token had been sent in it.
                var body = context.ActionDescriptor.Parameters.Single(p => p.ParameterType == typeof(RefreshRequest));
                context.ActionArguments[body.Name] = new RefreshRequest(cookie);
                if ((await next()).Result is IStatusCodeActionResult { StatusCode: StatusCodes.Status401Unauthorized })
                {
                    Expire(context.HttpContext.Response);
                }

                return;
            }

            await next();
        }

        public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
        {
            if (enabled)
            {
                var response = context.HttpContext.Response;
                switch (use, context.Result)
                {
                    case (RefreshTokenCookieUse.Issue or RefreshTokenCookieUse.Refresh, ObjectResult { Value: TokenPairDto { RefreshToken: { } token } pair } answer):
                        Issue(response, token, pair.RefreshTokenExpiresIn);
                        answer.Value = pair with { RefreshToken = null };
                        break;
                    case (RefreshTokenCookieUse.Expire, IStatusCodeActionResult { StatusCode: >= 200 and < 300 }):
                        Expire(response);
                        break;
                }
            }

            await next();
        }

        private static bool HasBodyToken(ActionExecutingContext context) =>
            context.ActionArguments.Values.OfType<RefreshRequest>().Any(body => !string.IsNullOrEmpty(body.RefreshToken));
    }
}
