using CleanAuth.WebApi.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>
/// Documents browser cookie mode on the actions marked <see cref="RefreshTokenCookieAttribute"/>: the <c>Set-Cookie</c>
/// of their answers and, on refresh, the cookie and the <c>X-CSRF</c> header it reads. Always documented, each saying
/// it applies in cookie mode only, so the document does not depend on the settings.
/// </summary>
internal sealed class RefreshTokenCookieTransformer : IOpenApiOperationTransformer
{
    private const string CookieMode = "Cookie mode only (Auth:RefreshTokenCookie:Enabled)";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var cookie = context.Description.ActionDescriptor.EndpointMetadata.OfType<RefreshTokenCookieAttribute>().FirstOrDefault();
        if (cookie is null)
        {
            return Task.CompletedTask;
        }

        var name = RefreshTokenCookieOptions.CookieName;
        if (cookie.Use == RefreshTokenCookieUse.Expire)
        {
            AddSetCookie(operation, "204", $"{CookieMode}: expires the {name} cookie ({name}=; Expires in 1970; Path=/; Secure; HttpOnly; SameSite=Strict).");
            return Task.CompletedTask;
        }

        AddSetCookie(operation, "200",
            $"{CookieMode}: {name}=<the refresh token>; Max-Age=<seconds until the session ends, idle or absolute, whichever is sooner>; " +
            "Path=/; Secure; HttpOnly; SameSite=Strict. The body then has no refresh_token; the access token is never in a cookie.");
        if (cookie.Use == RefreshTokenCookieUse.Refresh)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Cookie,
                Description = $"{CookieMode}: the refresh token, used when the body has none; only with {RefreshTokenCookieOptions.CsrfHeaderName}.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = RefreshTokenCookieOptions.CsrfHeaderName,
                In = ParameterLocation.Header,
                Description = $"{CookieMode}: \"{RefreshTokenCookieOptions.CsrfHeaderValue}\", required to refresh with the cookie, " +
                    "from a page whose Origin is listed in Cors:AllowedOrigins (a cross-site Sec-Fetch-Site is refused).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }

    private static void AddSetCookie(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true && response is OpenApiResponse answer)
        {
            answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
            answer.Headers["Set-Cookie"] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
    }
}
