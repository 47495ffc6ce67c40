using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Security.Tokens;

/// <summary>Section <c>Jwt</c>.</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Jwt";
    public const int MinimumKeyBytes = 32;

    /// <summary>Standard base64 of at least 32 random bytes; the HMAC key is the decoded bytes.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "cleanauth";

    public string Audience { get; set; } = "cleanauth";

    public int AccessTokenMinutes { get; set; } = 10;

    /// <summary>Absolute session lifetime; rotation never extends it.</summary>
    public double RefreshTokenDays { get; set; } = 30;

    /// <summary>A session not refreshed for this long ends (never later than its absolute lifetime).</summary>
    public double RefreshTokenIdleDays { get; set; } = 7;

    public int RefreshReuseGraceSeconds { get; set; } = 10;

    /// <summary>How often this instance picks up sessions revoked by other instances.</summary>
    public int RevocationSyncSeconds { get; set; } = 2;

    /// <summary>True when Development generated a key for this run (never bound from configuration).</summary>
    public bool SigningKeyGenerated { get; internal set; }

    internal byte[] SigningKeyBytes => Convert.FromBase64String(SigningKey!);
}

/// <summary>In Development only, a missing signing key is replaced by a random one for this run.</summary>
internal sealed class JwtOptionsDevelopmentDefaults : IPostConfigureOptions<JwtOptions>
{
    private readonly IHostEnvironment _environment;

    public JwtOptionsDevelopmentDefaults(IHostEnvironment environment) => _environment = environment;

    public void PostConfigure(string? name, JwtOptions options)
    {
        if (_environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.SigningKey))
        {
            options.SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(JwtOptions.MinimumKeyBytes));
            options.SigningKeyGenerated = true;
        }
    }
}

internal sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    /// <summary>Fewer distinct byte values than this (in at least 32 bytes) is a pattern, not random bytes.</summary>
    public const int MinimumDistinctKeyBytes = 16;

    private readonly IHostEnvironment _environment;

    public JwtOptionsValidator(IHostEnvironment environment) => _environment = environment;

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            failures.Add("Jwt:SigningKey is required: standard base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`).");
        }
        else if (!TryDecode(options.SigningKey, out var length))
        {
            failures.Add("Jwt:SigningKey must be standard base64.");
        }
        else if (length < JwtOptions.MinimumKeyBytes)
        {
            failures.Add($"Jwt:SigningKey must decode to at least {JwtOptions.MinimumKeyBytes} bytes (it decodes to {length}).");
        }
        else if (_environment.IsProduction() && WeakKeyReason(options.SigningKeyBytes) is { } reason)
        {
            failures.Add($"Jwt:SigningKey {reason}: in Production it must be random bytes (e.g. `openssl rand -base64 32`).");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add("Jwt:Issuer is required.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Jwt:Audience is required.");
        }

        if (options.AccessTokenMinutes is < 1 or > 60)
        {
            failures.Add("Jwt:AccessTokenMinutes must be between 1 and 60.");
        }

        // Down to one minute so people (and tests) can watch a session expire.
        if (TimeSpan.FromDays(options.RefreshTokenDays) < TimeSpan.FromSeconds(59) || options.RefreshTokenDays > 365)
        {
            failures.Add("Jwt:RefreshTokenDays must be between one minute (0.0007) and 365 days.");
        }

        if (TimeSpan.FromDays(options.RefreshTokenIdleDays) < TimeSpan.FromSeconds(59) || options.RefreshTokenIdleDays > 365)
        {
            failures.Add("Jwt:RefreshTokenIdleDays must be between one minute (0.0007) and 365 days.");
        }

        if (options.RefreshReuseGraceSeconds is < 0 or > 60)
        {
            failures.Add("Jwt:RefreshReuseGraceSeconds must be between 0 and 60.");
        }

        if (options.RevocationSyncSeconds is < 1 or > 60)
        {
            failures.Add("Jwt:RevocationSyncSeconds must be between 1 and 60.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Why the decoded key is not random bytes, or null. (A random 32-byte key fails either test with negligible probability.)</summary>
    internal static string? WeakKeyReason(ReadOnlySpan<byte> key)
    {
        var printable = true;
        Span<bool> seen = stackalloc bool[256];
        var distinct = 0;
        foreach (var b in key)
        {
            printable &= b is >= 0x20 and <= 0x7E;
            if (!seen[b])
            {
                seen[b] = true;
                distinct++;
            }
        }

        if (printable)
        {
            return "decodes to printable text only (a password, not a key)";
        }

        return distinct < MinimumDistinctKeyBytes ? $"has only {distinct} distinct byte values (a pattern, not a key)" : null;
    }

    private static bool TryDecode(string value, out int length)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out length);
    }
}
