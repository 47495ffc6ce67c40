using Geralt;

namespace CleanAuth.Infrastructure.Security.Passwords;

/// <summary>
/// Argon2id through libsodium (Geralt 4.5.0, libsodium 1.0.22). Geralt takes the memory cost in bytes,
/// writes the PHC string into a 128-char buffer padded with NULs, and verifies with <c>crypto_pwhash_str_verify</c>.
/// </summary>
internal sealed class LibsodiumArgon2id : IArgon2idAlgorithm
{
    public string Hash(ReadOnlySpan<byte> password, int memoryKiB, int iterations)
    {
        Span<char> buffer = stackalloc char[Argon2id.HashSize];
        Argon2id.ComputeHash(buffer, password, iterations, ToBytes(memoryKiB));
        var end = buffer.IndexOf('\0');
        return new string(end < 0 ? buffer : buffer[..end]);
    }

    public string HashWithSalt(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int memoryKiB, int iterations)
    {
        // crypto_pwhash with ALG_ARGON2ID13 is Argon2id v1.3 at p=1: the same tag the PHC form carries.
        Span<byte> tag = stackalloc byte[Argon2idPhc.TagSize];
        Argon2id.DeriveKey(tag, password, salt, iterations, ToBytes(memoryKiB));
        return Argon2idPhc.Format(memoryKiB, iterations, salt, tag);
    }

    public bool Verify(ReadOnlySpan<byte> password, string phc)
    {
        ArgumentNullException.ThrowIfNull(phc);
        if (phc.Length is 0 or > Argon2id.HashSize)
        {
            return false;
        }

        try
        {
            return Argon2id.VerifyHash(phc, password);
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int ToBytes(int memoryKiB) => checked(memoryKiB * 1024);
}
