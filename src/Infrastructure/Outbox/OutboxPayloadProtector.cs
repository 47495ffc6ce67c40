using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CleanAuth.Infrastructure.Security.Tokens;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Outbox;

/// <summary>
/// Encrypts an outbox message's argument (serialized as JSON) with AES-GCM under a key derived (HKDF) from the
/// signing key, so what waits in the outbox (one-time links, the addresses of password-reset lookups) is not
/// readable from the database alone. Every kind's payload goes through it.
/// </summary>
public sealed class OutboxPayloadProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // Unchanged since mail was the only kind: rows queued before the outbox carried other kinds still decrypt.
    private static readonly byte[] s_info = Encoding.ASCII.GetBytes("cleanauth outbox payload v1");

    private readonly byte[] _key;

    public OutboxPayloadProtector(IOptions<JwtOptions> options) =>
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, options.Value.SigningKeyBytes, 32, info: s_info);

    public byte[] Protect<T>(T argument)
        where T : class
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(argument);
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return output;
    }

    /// <exception cref="CryptographicException">The payload was not made with this key (or was altered).</exception>
    public T Unprotect<T>(byte[] payload)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The outbox payload is truncated.");
        }

        var plaintext = new byte[payload.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(payload.AsSpan(0, NonceSize), payload.AsSpan(NonceSize + TagSize), payload.AsSpan(NonceSize, TagSize), plaintext);
        return JsonSerializer.Deserialize<T>(plaintext) ?? throw new CryptographicException("The outbox payload is empty.");
    }
}
