using System.Reflection;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Authorization;
using MediatR;

namespace CleanAuth.Application.Common.Behaviors;

/// <summary>
/// Enforces the permission each request declares, before validation, so an unauthorized caller learns
/// nothing about the request's fields. The attribute is read once per request type, not per request.
/// </summary>
public sealed class AuthorizationBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool s_anonymous = typeof(TRequest).GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null;
    private static readonly string? s_permission = typeof(TRequest).GetCustomAttribute<RequirePermissionAttribute>()?.Permission;

    private readonly ICurrentUser _currentUser;

    public AuthorizationBehavior(ICurrentUser currentUser) => _currentUser = currentUser;

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

        if (!RolePermissions.AnyGrants(_currentUser.Roles, s_permission))
        {
            throw new ForbiddenAccessException(s_permission);
        }

        return next();
    }
}
