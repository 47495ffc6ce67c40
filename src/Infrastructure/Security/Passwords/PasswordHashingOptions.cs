namespace CleanAuth.Infrastructure.Security.Passwords;

/// <summary>
/// Argon2id cost settings, bound from the <c>PasswordHashing</c> section. Parallelism is always 1,
/// salts are 16 bytes and tags 32 bytes (the stored PHC format).
/// </summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "PasswordHashing";

    /// <summary>OWASP's minimum memory cost for Argon2id with t=2, p=1 (19 MiB).</summary>
    public const int OwaspMinimumMemoryKiB = 19456;

    /// <summary>OWASP's minimum number of passes with m=19456 KiB, p=1.</summary>
    public const int OwaspMinimumIterations = 2;

    /// <summary>Argon2's own lower bound for one lane (8 blocks of 1 KiB).</summary>
    public const int AbsoluteMinimumMemoryKiB = 8;

    /// <summary>Upper bound (1 GiB) on memory for configured and stored hashes; also keeps the byte count within an <see cref="int"/>.</summary>
    public const int MaximumMemoryKiB = 1_048_576;

    public const int AbsoluteMinimumIterations = 1;

    /// <summary>Upper bound on passes for configured and stored hashes, so a tampered stored hash cannot pin a CPU.</summary>
    public const int MaximumIterations = 100;

    public const int DefaultMaxQueued = 64;

    public PasswordHashingLibrary Library { get; set; } = PasswordHashingLibrary.Libsodium;

    /// <summary>Argon2id memory cost in KiB (the PHC <c>m</c> parameter).</summary>
    public int MemoryKiB { get; set; } = OwaspMinimumMemoryKiB;

    /// <summary>Argon2id passes (the PHC <c>t</c> parameter).</summary>
    public int Iterations { get; set; } = OwaspMinimumIterations;

    /// <summary>How many callers may wait for a hashing slot before further callers are refused with 503.</summary>
    public int MaxQueued { get; set; } = DefaultMaxQueued;
}
