using System.Security.Cryptography;
using System.Text;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// The operator's secrets a caller presents as <c>Authorization: Bearer &lt;secret&gt;</c> (<c>Health:DetailsToken</c>,
/// <c>Metrics:BearerToken</c>): how long they must be, and the one way they are compared.
/// </summary>
public static class BearerSecret
{
    public const int MinimumLength = 32;

    private const string BearerPrefix = "Bearer ";

    /// <summary>At least <see cref="MinimumLength"/> characters, without surrounding spaces.</summary>
    public static bool IsStrong(string secret) =>
        secret.Trim().Length == secret.Length && secret.Length >= MinimumLength;

    /// <summary>The refusal of a setting holding a secret that is not <see cref="IsStrong"/>.</summary>
    public static string WeakSecretFailure(string setting) =>
        $"{setting} must be at least {MinimumLength} characters without surrounding spaces (e.g. `openssl rand -base64 32`), or unset.";

    /// <summary>
    /// True when the request has one <c>Authorization</c> header, <c>Bearer &lt;<paramref name="expected"/>&gt;</c>;
    /// false when <paramref name="expected"/> is unset. Constant time in the secret's content and length.
    /// </summary>
    public static bool IsPresented(HttpContext context, string? expected)
    {
        var authorization = context.Request.Headers.Authorization;
        if (string.IsNullOrEmpty(expected) || authorization.Count != 1
            || authorization[0] is not { } header || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return SecretEquals(header.AsSpan(BearerPrefix.Length).Trim(), expected);
    }

    /// <summary>Compares fixed-size hashes, so neither the content nor the length of the secret shows in the time taken.</summary>
    private static bool SecretEquals(ReadOnlySpan<char> presented, string expected)
    {
        Span<byte> presentedHash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> expectedHash = stackalloc byte[SHA256.HashSizeInBytes];
        var presentedBytes = new byte[Encoding.UTF8.GetMaxByteCount(presented.Length)];
        var length = Encoding.UTF8.GetBytes(presented, presentedBytes);
        SHA256.HashData(presentedBytes.AsSpan(0, length), presentedHash);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), expectedHash);
        return CryptographicOperations.FixedTimeEquals(presentedHash, expectedHash);
    }
}
