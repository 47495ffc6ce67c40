using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Security;

namespace CleanAuth.WebApi.Services;

/// <summary>
/// The caller as the validated access token describes it, with the roles the bearer check made current (ADR-006).
/// Claims are read once per request.
/// </summary>
public sealed class CurrentUser : ICurrentUser
{
    private readonly IHttpContextAccessor _accessor;
    private bool _resolved;
    private Guid? _userId;
    private Guid? _sessionId;
    private IReadOnlyList<string> _roles = [];

    public CurrentUser(IHttpContextAccessor accessor) => _accessor = accessor;

    public bool IsAuthenticated => UserId is not null;

    public bool IsOperator => false;

    public Guid? UserId
    {
        get
        {
            Resolve();
            return _userId;
        }
    }

    public Guid? SessionId
    {
        get
        {
            Resolve();
            return _sessionId;
        }
    }

    public IReadOnlyList<string> Roles
    {
        get
        {
            Resolve();
            return _roles;
        }
    }

    private void Resolve()
    {
        if (_resolved)
        {
            return;
        }

        _resolved = true;
        var principal = _accessor.HttpContext?.User;
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return;
        }

        if (Guid.TryParse(principal.FindFirst(AccessTokenClaims.Subject)?.Value, out var userId) && Guid.TryParse(principal.FindFirst(AccessTokenClaims.SessionId)?.Value, out var sessionId))
        {
            _userId = userId;
            _sessionId = sessionId;
            _roles = principal.FindAll(AccessTokenClaims.Roles).Select(c => c.Value).ToArray();
        }
    }
}
