using System.Runtime.CompilerServices;

namespace CleanAuth.Architecture.Tests.Support;

internal static class TypeNames
{
    /// <summary>The simple name without the generic arity suffix: <c>AuthorizationBehavior`2</c> becomes <c>AuthorizationBehavior</c>.</summary>
    public static string SimpleName(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name[..tick];
    }

    /// <summary>How a violation names its type; tests match on this followed by ':'.</summary>
    public static string Describe(Type type) => type.FullName ?? type.Name;

    public static bool IsInNamespace(Type type, string root) =>
        type.Namespace is { } ns && (ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal));

    public static bool IsCompilerGenerated(Type type) => type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    public static bool Implements(Type type, Type openGenericInterface) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == openGenericInterface);

    public static bool DerivesFrom(Type type, Type openGenericBase)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == openGenericBase)
            {
                return true;
            }
        }

        return false;
    }
}
