using CleanAuth.Application.Common.Security;
using Serilog.Core;
using Serilog.Events;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// Adds <c>user_id</c> (the access token's subject) to every event written while a request runs, from the moment
/// authentication has accepted its token: the handlers' lines, the framework's, and the request completion line.
/// Events of unauthenticated requests and background work carry none.
/// </summary>
internal sealed class UserIdLogEnricher : ILogEventEnricher
{
    public const string PropertyName = "user_id";

    private readonly IHttpContextAccessor _accessor;

    public UserIdLogEnricher(IHttpContextAccessor accessor) => _accessor = accessor;

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        var user = _accessor.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated == true && user.FindFirst(AccessTokenClaims.Subject)?.Value is { Length: > 0 } userId)
        {
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty(PropertyName, userId));
        }
    }
}
