using System.Security.Cryptography;
using Isopoh.Cryptography.Argon2;
using Isopoh.Cryptography.SecureArray;

namespace CleanAuth.Infrastructure.Security.Passwords;

/// <summary>
/// Argon2id through the managed Isopoh.Cryptography.Argon2 2.0.0 (hybrid addressing, version 0x13, one lane, one thread).
/// Allocates several times its memory cost as garbage per hash; kept as the alternative to libsodium.
/// </summary>
internal sealed class IsopohArgon2id : IArgon2idAlgorithm
{
    /// <summary>
    /// Zeroes memory like the library's default but never calls mlock: containers limit locked memory,
    /// and the library would otherwise fall back to unlocked memory silently, hash by hash.
    /// </summary>
    internal static readonly SecureArrayCall NoMemoryLocking = new(
        SecureArray.DefaultCall.ZeroMemory,
        lockMemory: (_, _) => null,
        unlockMemory: (_, _) => { },
        os: "any (memory locking disabled)");

    public string Hash(ReadOnlySpan<byte> password, int memoryKiB, int iterations)
    {
        Span<byte> salt = stackalloc byte[Argon2idPhc.SaltSize];
        RandomNumberGenerator.Fill(salt);
        return HashWithSalt(password, salt, memoryKiB, iterations);
    }

    public string HashWithSalt(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int memoryKiB, int iterations)
    {
        var passwordCopy = password.ToArray();
        try
        {
            var config = new Argon2Config
            {
                Type = Argon2Type.HybridAddressing,
                Version = Argon2Version.Nineteen,
                TimeCost = iterations,
                MemoryCost = memoryKiB,
                Lanes = Argon2idPhc.Parallelism,
                Threads = 1,
                HashLength = Argon2idPhc.TagSize,
                Password = passwordCopy,
                Salt = salt.ToArray(),
                ClearPassword = true,
                SecureArrayCall = NoMemoryLocking,
            };
            return Argon2.Hash(config);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordCopy);
        }
    }

    public bool Verify(ReadOnlySpan<byte> password, string phc)
    {
        ArgumentNullException.ThrowIfNull(phc);
        var passwordCopy = password.ToArray();
        try
        {
            // Decodes the type, version and costs from the string and compares tags in fixed time.
            return Argon2.Verify(phc, passwordCopy, threads: 1, NoMemoryLocking);
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordCopy);
        }
    }
}
