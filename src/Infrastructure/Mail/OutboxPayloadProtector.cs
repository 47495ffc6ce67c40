using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CleanAuth.Infrastructure.Security.Tokens;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Mail;

/// <summary>The subject and bodies of a queued mail.</summary>
public sealed record MailContent(string Subject, string Text, string Html);

/// <summary>
/// Encrypts queued mail content with AES-GCM under a key derived (HKDF) from the signing key, so the one-time
/// links waiting in the outbox are not readable from the database alone.
/// </summary>
public sealed class OutboxPayloadProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] s_info = Encoding.ASCII.GetBytes("cleanauth outbox payload v1");

    private readonly byte[] _key;

    public OutboxPayloadProtector(IOptions<JwtOptions> options) =>
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, options.Value.SigningKeyBytes, 32, info: s_info);

    public byte[] Protect(MailContent content)
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(content);
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return output;
    }

    /// <exception cref="CryptographicException">The payload was not made with this key (or was altered).</exception>
    public MailContent Unprotect(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The queued mail is truncated.");
        }

        var plaintext = new byte[payload.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(payload.AsSpan(0, NonceSize), payload.AsSpan(NonceSize + TagSize), payload.AsSpan(NonceSize, TagSize), plaintext);
        return JsonSerializer.Deserialize<MailContent>(plaintext) ?? throw new CryptographicException("The queued mail is empty.");
    }
}
