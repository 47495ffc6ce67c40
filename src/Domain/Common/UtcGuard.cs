namespace CleanAuth.Domain.Common;

internal static class UtcGuard
{
    public static DateTime Ensure(DateTime value, string name) =>
        value.Kind == DateTimeKind.Utc
            ? value
            : throw new ArgumentException($"{name} must be a UTC time.", name);
}
