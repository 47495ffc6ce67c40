namespace CleanAuth.Application.Common.Logging;

/// <summary>
/// How a record that carries a secret (password, token, hash) prints it. Records print every property in
/// <c>ToString</c>, and frameworks log arguments through it (MVC's action arguments at Trace level), so such records
/// override <c>ToString</c> and show only whether the secret was given.
/// </summary>
public static class Redaction
{
    public const string Mask = "***";

    public static string Of(string? secret) => secret is null ? "null" : Mask;
}
