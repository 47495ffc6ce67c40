using System.Security.Cryptography;
using System.Text;
using CleanAuth.Domain.Users;

namespace CleanAuth.Domain.UnitTests.Common;

internal static class TestData
{
    public static readonly DateTime Now = new(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc);

    public const string StoredHash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

    /// <summary>The 64-hex-character SHA-256 of <paramref name="token"/>, as stored for a refresh token.</summary>
    public static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static User NewUser(DateTime? now = null, string? fullName = "Alice Liddell") =>
        User.Register(Email.Create("alice@example.com"), Username.Create("alice"), fullName, StoredHash, now ?? Now);
}
