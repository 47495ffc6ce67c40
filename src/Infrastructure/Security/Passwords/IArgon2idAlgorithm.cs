namespace CleanAuth.Infrastructure.Security.Passwords;

/// <summary>
/// One Argon2id implementation (v1.3, p=1, 16-byte salt, 32-byte tag) behind a seam, so libraries can be swapped
/// and proven by the same contract tests. Inputs are the already normalized, UTF-8 encoded password bytes.
/// </summary>
internal interface IArgon2idAlgorithm
{
    /// <summary>Hashes with a fresh random salt and returns a PHC string.</summary>
    string Hash(ReadOnlySpan<byte> password, int memoryKiB, int iterations);

    /// <summary>Hashes with the given 16-byte salt and returns a PHC string. For known-answer tests; production uses <see cref="Hash"/>.</summary>
    string HashWithSalt(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int memoryKiB, int iterations);

    /// <summary>
    /// Verifies the password against a PHC string, in constant time as the library provides, using the parameters stored in it.
    /// Returns false for a wrong password and for a string the library cannot read.
    /// </summary>
    bool Verify(ReadOnlySpan<byte> password, string phc);
}
