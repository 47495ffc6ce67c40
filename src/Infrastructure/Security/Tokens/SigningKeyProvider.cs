using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Infrastructure.Security.Tokens;

/// <summary>
/// The one place the signing key is materialized, shared by issuing and validation.
/// (Later: a key store holding more than one key, for rotation and asymmetric algorithms.)
/// </summary>
public sealed class SigningKeyProvider
{
    public SigningKeyProvider(IOptions<JwtOptions> options) =>
        SigningKey = new SymmetricSecurityKey(options.Value.SigningKeyBytes) { KeyId = "hs256-1" };

    public SymmetricSecurityKey SigningKey { get; }
}
