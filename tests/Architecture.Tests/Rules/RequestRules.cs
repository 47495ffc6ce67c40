using CleanAuth.Application.Common.Security;
using MediatR;
using static CleanAuth.Architecture.Tests.Support.TypeNames;

namespace CleanAuth.Architecture.Tests.Rules;

internal static class RequestRules
{
    /// <summary>Concrete MediatR requests: non-abstract types implementing <see cref="IBaseRequest"/> or <see cref="IRequest{TResponse}"/>.</summary>
    public static IReadOnlyList<Type> Requests(IEnumerable<Type> types) =>
        [.. types.Where(t => !t.IsInterface && !t.IsAbstract
            && (typeof(IBaseRequest).IsAssignableFrom(t) || Implements(t, typeof(IRequest<>))))];

    /// <summary>
    /// Each request declares who may send it: exactly one of [RequirePermission] or [AllowAnonymousRequest], on the
    /// type itself (the attributes are not inherited, which is also how AuthorizationBehavior reads them).
    /// </summary>
    public static IReadOnlyList<string> AuthorizationMarkerViolations(IEnumerable<Type> types)
    {
        var violations = new List<string>();
        foreach (var request in Requests(types))
        {
            var markers = new[] { typeof(RequirePermissionAttribute), typeof(AllowAnonymousRequestAttribute) }
                .Count(marker => request.IsDefined(marker, inherit: false));
            if (markers != 1)
            {
                violations.Add(markers == 0
                    ? $"{Describe(request)}: carries neither [RequirePermission] nor [AllowAnonymousRequest]"
                    : $"{Describe(request)}: carries both [RequirePermission] and [AllowAnonymousRequest]");
            }
        }

        return violations;
    }

    /// <summary>Requests are immutable: no public setter other than init, no public writable field.</summary>
    public static IReadOnlyList<string> ImmutabilityViolations(IEnumerable<Type> types) =>
        ImmutabilityRules.MutabilityViolations(Requests(types));
}
