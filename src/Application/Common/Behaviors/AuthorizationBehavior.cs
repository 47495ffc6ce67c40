using System.Reflection;
using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;
using MediatR;

namespace CleanAuth.Application.Common.Behaviors;

/// <summary>
/// Enforces the permission each request declares, before validation, so an unauthorized caller learns
/// nothing about the request's fields. The attribute is read once per request type, not per request; the caller's roles
/// are checked against the in-memory <see cref="IRoleCatalog"/> (no database round trip, no allocation). A refusal is
/// raised as <see cref="AccessDeniedEvent"/>, which the audit log records although the request fails (ADR-004).
/// </summary>
public sealed class AuthorizationBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool s_anonymous = typeof(TRequest).GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null;
    private static readonly string? s_permission = typeof(TRequest).GetCustomAttribute<RequirePermissionAttribute>()?.Permission;

    private readonly ICurrentUser _currentUser;
    private readonly IRoleCatalog _roles;
    private readonly PendingEvents _events;
    private readonly TimeProvider _clock;

    public AuthorizationBehavior(ICurrentUser currentUser, IRoleCatalog roles, PendingEvents events, TimeProvider clock)
    {
        _currentUser = currentUser;
        _roles = roles;
        _events = events;
        _clock = clock;
    }

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (s_anonymous)
        {
            return next();
        }

        if (s_permission is null)
        {
            throw new InvalidOperationException(
                $"{typeof(TRequest).Name} declares neither [RequirePermission] nor [AllowAnonymousRequest].");
        }

        if (!_currentUser.IsAuthenticated)
        {
            throw new UnauthenticatedException();
        }

        if (!_roles.Grants(_currentUser.Roles, s_permission))
        {
            _events.RaiseRefusal(new AccessDeniedEvent(_currentUser.UserId, s_permission, _clock.GetUtcNow().UtcDateTime));
            throw new ForbiddenAccessException(s_permission);
        }

        return next();
    }
}
