namespace CleanAuth.Infrastructure.Security.Passwords;

/// <summary>Which Argon2id implementation computes password hashes. Both read and write the same PHC strings.</summary>
public enum PasswordHashingLibrary
{
    /// <summary>libsodium through Geralt: native, no managed garbage per hash. The default.</summary>
    Libsodium,

    /// <summary>Isopoh.Cryptography.Argon2: fully managed, allocates several times its memory cost per hash.</summary>
    Isopoh,
}
