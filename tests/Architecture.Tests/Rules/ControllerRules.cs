using System.Reflection;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using static CleanAuth.Architecture.Tests.Support.TypeNames;

namespace CleanAuth.Architecture.Tests.Rules;

internal static class ControllerRules
{
    private const BindingFlags AllInstance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>Every class deriving from <see cref="ControllerBase"/>, wherever it lives.</summary>
    public static IReadOnlyList<Type> Controllers(IEnumerable<Type> types) =>
        [.. types.Where(t => t.IsClass && typeof(ControllerBase).IsAssignableFrom(t))];

    /// <summary>
    /// A controller's only injected dependency is <see cref="IMediator"/>: every constructor parameter, and every
    /// action parameter bound with [FromServices] or [FromKeyedServices] (the other way in).
    /// </summary>
    public static IReadOnlyList<string> InjectionViolations(IEnumerable<Type> types)
    {
        var violations = new List<string>();
        foreach (var controller in Controllers(types))
        {
            foreach (var constructor in controller.GetConstructors(AllInstance))
            {
                violations.AddRange(constructor.GetParameters()
                    .Where(p => p.ParameterType != typeof(IMediator))
                    .Select(p => $"{Describe(controller)}: its constructor takes {p.ParameterType.FullName} {p.Name}; a controller takes only IMediator"));
            }

            foreach (var action in controller.GetMethods(AllInstance | BindingFlags.DeclaredOnly))
            {
                violations.AddRange(action.GetParameters()
                    .Where(p => IsInjectedService(p) && p.ParameterType != typeof(IMediator))
                    .Select(p => $"{Describe(controller)}: {action.Name} injects {p.ParameterType.FullName} {p.Name}; a controller takes only IMediator"));
            }
        }

        return violations;
    }

    private static bool IsInjectedService(ParameterInfo parameter) =>
        parameter.IsDefined(typeof(FromServicesAttribute), inherit: false)
        || parameter.IsDefined(typeof(FromKeyedServicesAttribute), inherit: false);
}
