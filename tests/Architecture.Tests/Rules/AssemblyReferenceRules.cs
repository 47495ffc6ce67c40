using System.Reflection;

namespace CleanAuth.Architecture.Tests.Rules;

/// <summary>
/// Layer rules on assembly metadata (<see cref="Assembly.GetReferencedAssemblies"/>). Each returns one line per
/// offending reference, so a test can both demand none and, run against a known offender, demand some.
/// </summary>
internal static class AssemblyReferenceRules
{
    public const string DomainAssembly = "CleanAuth.Domain";
    public const string InfrastructureAssembly = "CleanAuth.Infrastructure";
    public const string WebApiAssembly = "CleanAuth.WebApi";

    /// <summary>What Application must never reference: outer layers, data access, the web host, token and hashing libraries, logging sinks.</summary>
    public static readonly string[] ForbiddenInApplication =
    [
        InfrastructureAssembly,
        WebApiAssembly,
        "Microsoft.EntityFrameworkCore",
        "Npgsql",
        "Microsoft.Data.Sqlite",
        "SQLitePCLRaw",
        "Microsoft.AspNetCore",
        "Microsoft.IdentityModel",
        "System.IdentityModel",
        "IdentityModel",
        "Geralt",
        "Isopoh",
        "Serilog",
    ];

    private static readonly string s_runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    /// <summary>Domain may reference only the BCL: System.*, netstandard, mscorlib, Microsoft.Win32.*, as shipped with the runtime.</summary>
    public static IReadOnlyList<string> DomainViolations(Assembly assembly) =>
        [.. ReferenceNames(assembly)
            .Where(name => !IsBcl(name))
            .Select(name => $"{assembly.GetName().Name} references {name}, which is not part of the BCL")];

    /// <summary>Application must reference Domain and none of <see cref="ForbiddenInApplication"/>.</summary>
    public static IReadOnlyList<string> ApplicationViolations(Assembly assembly)
    {
        var names = ReferenceNames(assembly).ToList();
        var violations = names
            .Where(name => ForbiddenInApplication.Any(prefix => IsOrIsUnder(name, prefix)))
            .Select(name => $"{assembly.GetName().Name} references {name}")
            .ToList();
        if (!names.Contains(DomainAssembly, StringComparer.Ordinal))
        {
            violations.Add($"{assembly.GetName().Name} does not reference {DomainAssembly}");
        }

        return violations;
    }

    /// <summary>Infrastructure must not reference WebApi.</summary>
    public static IReadOnlyList<string> InfrastructureViolations(Assembly assembly) =>
        [.. ReferenceNames(assembly)
            .Where(name => IsOrIsUnder(name, WebApiAssembly))
            .Select(name => $"{assembly.GetName().Name} references {name}")];

    public static IEnumerable<string> ReferenceNames(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!);

    /// <summary>
    /// BCL: the allowed names, and the assembly ships in the runtime's own directory (Microsoft.NETCore.App),
    /// so a NuGet package that merely calls its assembly System.Something does not pass.
    /// </summary>
    public static bool IsBcl(string name)
    {
        var allowedName = name is "System" or "netstandard" or "mscorlib"
            || name.StartsWith("System.", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal);
        return allowedName && File.Exists(Path.Combine(s_runtimeDirectory, name + ".dll"));
    }

    private static bool IsOrIsUnder(string name, string prefix) =>
        name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal);
}
