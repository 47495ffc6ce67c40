using System.Reflection;
using System.Runtime.CompilerServices;
using CleanAuth.Domain.Common;
using static CleanAuth.Architecture.Tests.Support.TypeNames;

namespace CleanAuth.Architecture.Tests.Rules;

internal static class ImmutabilityRules
{
    public const string DomainRoot = "CleanAuth.Domain";

    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>
    /// Public properties with a public setter that is not <c>init</c>, and public fields that are neither readonly nor
    /// const, declared on each type or its base types (BCL bases excepted: we cannot change Exception.HelpLink).
    /// </summary>
    public static IReadOnlyList<string> MutabilityViolations(IEnumerable<Type> types)
    {
        var violations = new List<string>();
        foreach (var type in types.Where(t => !t.IsEnum && !t.IsInterface && !IsCompilerGenerated(t)))
        {
            for (var declaring = type; declaring is not null && !IsBclType(declaring); declaring = declaring.BaseType)
            {
                violations.AddRange(declaring.GetProperties(Declared)
                    .Where(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
                    .Select(p => $"{Describe(type)}: property {declaring.Name}.{p.Name} has a public setter"));
                violations.AddRange(declaring.GetFields(Declared)
                    .Where(f => f.IsPublic && !f.IsInitOnly && !f.IsLiteral && !f.IsSpecialName)
                    .Select(f => $"{Describe(type)}: field {declaring.Name}.{f.Name} is public and writable"));
            }
        }

        return violations;
    }

    /// <summary>
    /// An <c>init</c> accessor is a setter whose return parameter carries the required modifier IsExternalInit.
    /// </summary>
    public static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == typeof(IsExternalInit).FullName);

    /// <summary>Domain types (namespace CleanAuth.Domain or below) expose no public setter: state changes through named methods.</summary>
    public static IReadOnlyList<string> DomainSetterViolations(IEnumerable<Type> types) =>
        MutabilityViolations(types.Where(t => IsInNamespace(t, DomainRoot)));

    /// <summary>Domain events: concrete or abstract types implementing <see cref="IDomainEvent"/>, named *Event and immutable.</summary>
    public static IReadOnlyList<string> DomainEventViolations(IEnumerable<Type> types)
    {
        var events = DomainEvents(types);
        return
        [
            .. events
                .Where(e => !SimpleName(e).EndsWith("Event", StringComparison.Ordinal))
                .Select(e => $"{Describe(e)}: a domain event's name ends with 'Event'"),
            .. MutabilityViolations(events),
        ];
    }

    public static IReadOnlyList<Type> DomainEvents(IEnumerable<Type> types) =>
        [.. types.Where(t => !t.IsInterface && typeof(IDomainEvent).IsAssignableFrom(t))];

    private static bool IsBclType(Type type) => AssemblyReferenceRules.IsBcl(type.Assembly.GetName().Name!);
}
