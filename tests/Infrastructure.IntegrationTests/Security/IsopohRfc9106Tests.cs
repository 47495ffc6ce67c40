using CleanAuth.Infrastructure.Security.Passwords;
using Isopoh.Cryptography.Argon2;

namespace CleanAuth.Infrastructure.IntegrationTests.Security;

/// <summary>
/// RFC 9106 §5.3 Argon2id test vector. Only the Isopoh library takes the secret and associated-data inputs
/// (libsodium's API has neither), so the vector proves that library's core.
/// </summary>
public sealed class IsopohRfc9106Tests
{
    [Fact]
    public void Hash_WhenGivenRfc9106Argon2idVector_ShouldProduceExpectedTag()
    {
        var config = new Argon2Config
        {
            Type = Argon2Type.HybridAddressing,
            Version = Argon2Version.Nineteen,
            MemoryCost = 32,
            TimeCost = 3,
            Lanes = 4,
            Threads = 1,
            HashLength = 32,
            Password = Enumerable.Repeat((byte)0x01, 32).ToArray(),
            Salt = Enumerable.Repeat((byte)0x02, 16).ToArray(),
            Secret = Enumerable.Repeat((byte)0x03, 8).ToArray(),
            AssociatedData = Enumerable.Repeat((byte)0x04, 12).ToArray(),
            SecureArrayCall = IsopohArgon2id.NoMemoryLocking,
        };

        using var argon2 = new Argon2(config);
        using var tag = argon2.Hash();

        Convert.ToHexStringLower(tag.Buffer).Should().Be("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }
}
