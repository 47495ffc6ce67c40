using System.Reflection;
using System.Runtime.CompilerServices;
using static CleanAuth.Architecture.Tests.Support.TypeNames;

namespace CleanAuth.Architecture.Tests.Rules;

internal static class SecretRedactionRules
{
    private static readonly string[] s_secretWords = ["password", "passphrase", "secret", "token", "hash", "credential", "apikey", "signingkey"];

    /// <summary>Records (classes and structs): their compiler-generated <c>ToString</c> prints every property.</summary>
    public static IReadOnlyList<Type> Records(IEnumerable<Type> types) =>
        [.. types.Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition && !IsCompilerGenerated(t) && IsRecord(t))];

    /// <summary>
    /// The string properties that hold a secret: named for one (password, token, hash, …; a <c>…Type</c> such as
    /// <c>TokenType</c> names a kind, not a value), or any string of a record that is itself a token (<c>OpaqueToken.Value</c>).
    /// </summary>
    public static IReadOnlyList<PropertyInfo> SecretProperties(Type record) =>
        [.. record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0)
            .Where(p => record.Name.EndsWith("Token", StringComparison.Ordinal)
                || (s_secretWords.Any(w => p.Name.Contains(w, StringComparison.OrdinalIgnoreCase)) && !p.Name.EndsWith("Type", StringComparison.Ordinal)))];

    /// <summary>
    /// Records never print a secret: each secret property is filled with a canary through reflection (the object is
    /// created without running a constructor, so no validation gets in the way) and <c>ToString()</c> must not show it.
    /// </summary>
    public static IReadOnlyList<string> Violations(IEnumerable<Type> types)
    {
        var violations = new List<string>();
        foreach (var record in Records(types))
        {
            var secrets = SecretProperties(record);
            if (secrets.Count == 0)
            {
                continue;
            }

            var instance = RuntimeHelpers.GetUninitializedObject(record);
            var canaries = new Dictionary<PropertyInfo, string>();
            foreach (var property in secrets)
            {
                var canary = $"canary-{property.Name}-{Guid.NewGuid():N}";
                if (!TrySet(instance, property, canary))
                {
                    violations.Add($"{Describe(record)}: {property.Name} has no setter or backing field to fill with a canary");
                    continue;
                }

                canaries[property] = canary;
            }

            var printed = instance.ToString() ?? "";
            violations.AddRange(canaries.Where(c => printed.Contains(c.Value, StringComparison.Ordinal))
                .Select(c => $"{Describe(record)}: ToString() shows {c.Key.Name}"));
        }

        return violations;
    }

    private static bool IsRecord(Type type) =>
        type.IsValueType
            ? type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null
            : type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;

    private static bool TrySet(object instance, PropertyInfo property, string value)
    {
        if (property.SetMethod is not null)
        {
            property.SetValue(instance, value); // init-only setters too
            return true;
        }

        var field = property.DeclaringType?.GetField($"<{property.Name}>k__BackingField", BindingFlags.NonPublic | BindingFlags.Instance);
        if (field is null)
        {
            return false;
        }

        field.SetValue(instance, value);
        return true;
    }
}
