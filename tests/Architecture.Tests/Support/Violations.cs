namespace CleanAuth.Architecture.Tests.Support;

internal static class Violations
{
    /// <summary>Whether a reflection rule's violation line is about <paramref name="type"/> (lines start "FullName:").</summary>
    public static bool About(this string violation, Type type) =>
        violation.StartsWith(TypeNames.Describe(type) + ":", StringComparison.Ordinal);

    /// <summary>Whether an ArchUnitNET failure description is about <paramref name="type"/> (it starts "FullName ").</summary>
    public static bool IsArchFailureOf(this string description, Type type) =>
        description.StartsWith(TypeNames.Describe(type) + " ", StringComparison.Ordinal);
}
